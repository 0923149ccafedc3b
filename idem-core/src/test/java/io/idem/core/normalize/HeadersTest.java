package io.idem.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.model.FieldKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeadersTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            email                | EMAIL
            E-Mail               | EMAIL
            MAIL                 | EMAIL
            Correo               | EMAIL
            correo_electronico   | EMAIL
            Correo Electrónico   | EMAIL
            email_address        | EMAIL
            emailAddress         | EMAIL
            phone                | PHONE
            Teléfono             | PHONE
            telefono             | PHONE
            TEL                  | PHONE
            celular              | PHONE
            cel                  | PHONE
            Móvil                | PHONE
            mobile               | PHONE
            WhatsApp             | PHONE
            phone_number         | PHONE
            Phone Number         | PHONE
            phoneNumber          | PHONE
            DNI                  | DOCUMENT
            documento            | DOCUMENT
            document             | DOCUMENT
            doc                  | DOCUMENT
            Nro. Documento       | DOCUMENT
            numero_documento     | DOCUMENT
            Número de documento  | DOCUMENT
            CUIT                 | DOCUMENT
            cuil                 | DOCUMENT
            NIF                  | DOCUMENT
            nie                  | DOCUMENT
            CPF                  | DOCUMENT
            RUT                  | DOCUMENT
            national_id          | DOCUMENT
            SSN                  | DOCUMENT
            soc_sec_id           | DOCUMENT
            loyalty_id           | LOYALTY_ID
            Loyalty              | LOYALTY_ID
            socio                | LOYALTY_ID
            Nro Socio            | LOYALTY_ID
            nrosocio             | LOYALTY_ID
            tarjeta              | LOYALTY_ID
            tarjeta_fidelidad    | LOYALTY_ID
            codigo-socio         | LOYALTY_ID
            fidelidad            | LOYALTY_ID
            customer_id          | CUSTOMER_ID
            CustomerId           | CUSTOMER_ID
            id_cliente           | CUSTOMER_ID
            cliente_id           | CUSTOMER_ID
            nro_cliente          | CUSTOMER_ID
            device_id            | DEVICE_ID
            dispositivo          | DEVICE_ID
            id_dispositivo       | DEVICE_ID
            anonymous_id         | DEVICE_ID
            IDFA                 | DEVICE_ID
            gaid                 | DEVICE_ID
            social_id            | SOCIAL_ID
            facebook_id          | SOCIAL_ID
            google_id            | SOCIAL_ID
            red social           | SOCIAL_ID
            nombre               | FIRST_NAME
            first_name           | FIRST_NAME
            First Name           | FIRST_NAME
            firstName            | FIRST_NAME
            given_name           | FIRST_NAME
            firstname            | FIRST_NAME
            Nombres              | FIRST_NAME
            apellido             | LAST_NAME
            Apellidos            | LAST_NAME
            last_name            | LAST_NAME
            surname              | LAST_NAME
            lastname             | LAST_NAME
            nombre_completo      | FULL_NAME
            full_name            | FULL_NAME
            name                 | FULL_NAME
            Cliente              | FULL_NAME
            fecha_nacimiento     | BIRTH_DATE
            Fecha de Nacimiento  | BIRTH_DATE
            birth_date           | BIRTH_DATE
            date_of_birth        | BIRTH_DATE
            DOB                  | BIRTH_DATE
            nacimiento           | BIRTH_DATE
            birthdate            | BIRTH_DATE
            genero               | GENDER
            Género               | GENDER
            sexo                 | GENDER
            gender               | GENDER
            direccion            | ADDRESS
            Dirección            | ADDRESS
            domicilio            | ADDRESS
            address              | ADDRESS
            address_1            | ADDRESS
            Address 1            | ADDRESS
            calle                | ADDRESS
            numero               | STREET_NUMBER
            Número               | STREET_NUMBER
            altura               | STREET_NUMBER
            street_number        | STREET_NUMBER
            ciudad               | CITY
            localidad            | CITY
            city                 | CITY
            suburb               | CITY
            town                 | CITY
            codigo_postal        | POSTCODE
            Código Postal        | POSTCODE
            CP                   | POSTCODE
            postcode             | POSTCODE
            zip                  | POSTCODE
            zipcode              | POSTCODE
            ZIP Code             | POSTCODE
            postal_code          | POSTCODE
            provincia            | REGION
            region               | REGION
            Región               | REGION
            state                | REGION
            estado               | REGION
            pais                 | COUNTRY
            País                 | COUNTRY
            country              | COUNTRY
            evento               | EVENT
            event                | EVENT
            Acción               | EVENT
            fecha                | TIMESTAMP
            timestamp            | TIMESTAMP
            date                 | TIMESTAMP
            fecha_hora           | TIMESTAMP
            Fecha Hora           | TIMESTAMP
            datetime             | TIMESTAMP
            monto                | AMOUNT
            importe              | AMOUNT
            total                | AMOUNT
            Amount               | AMOUNT
            "  EMAIL  "          | EMAIL
            __email__            | EMAIL
            Nº Socio             | LOYALTY_ID
            N° de Tarjeta        | LOYALTY_ID
            Número de socio      | LOYALTY_ID
            ID Socio             | LOYALTY_ID
            Nro. de Documento    | DOCUMENT
            DNI/CUIT             | DOCUMENT
            DNI Titular          | DOCUMENT
            Num. Cliente         | CUSTOMER_ID
            # Cliente            | CUSTOMER_ID
            Cliente #            | CUSTOMER_ID
            Codigo de cliente    | CUSTOMER_ID
            Celular (WhatsApp)   | PHONE
            Teléfono 1           | PHONE
            Telefono Fijo        | PHONE
            Tel. Celular         | PHONE
            Teléfono Cliente     | PHONE
            E-mail 2             | EMAIL
            Email alternativo    | EMAIL
            Correo-e             | EMAIL
            Mail Personal        | EMAIL
            Email del cliente    | EMAIL
            Apellido, Nombre     | FULL_NAME
            Apellido y Nombres   | FULL_NAME
            Nombre completo del cliente | FULL_NAME
            Apellido Materno     | LAST_NAME
            Segundo Nombre       | FIRST_NAME
            Fecha Nac.           | BIRTH_DATE
            F. Nacimiento        | BIRTH_DATE
            Cod. Postal          | POSTCODE
            C.P.                 | POSTCODE
            Default Address City | CITY
            Default Address Zip  | POSTCODE
            Default Address Phone | PHONE
            Default Address Province Code | REGION
            Default Address Address2 | ADDRESS
            Default Address Company | ATTRIBUTE
            Accepts Email Marketing | CONSENT_EMAIL
            Accepts SMS Marketing | CONSENT_SMS
            billing_phone        | PHONE
            billing_first_name   | FIRST_NAME
            shipping_address_1   | ADDRESS
            Email2               | EMAIL
            isNewsletterOptIn    | CONSENT_EMAIL
            documentType         | ATTRIBUTE
            Dirección de facturación | ADDRESS
            Total Spent          | ATTRIBUTE
            Tipo Doc             | ATTRIBUTE
            Email verificado     | ATTRIBUTE
            Email del vendedor   | ATTRIBUTE
            Teléfono de la empresa | ATTRIBUTE
            Cantidad de teléfonos | ATTRIBUTE
            Fecha Alta           | ATTRIBUTE
            Razón Social         | ATTRIBUTE
            Estado Civil         | ATTRIBUTE
            Email Marketing      | ATTRIBUTE
            No contactar         | ATTRIBUTE
            ID                   | ATTRIBUTE
            color_favorito       | ATTRIBUTE
            notes                | ATTRIBUTE
            tipo_documento       | ATTRIBUTE
            id                   | ATTRIBUTE
            ""                   | ATTRIBUTE
            """)
    void kindFor(String header, FieldKind expected) {
        assertThat(Headers.kindFor(header)).isEqualTo(expected);
    }

    @Test
    void nullIsAttribute() {
        assertThat(Headers.kindFor(null)).isEqualTo(FieldKind.ATTRIBUTE);
    }

    @Test
    void aliasTableIsFoldedData() {
        assertThat(Headers.aliases()).containsEntry("correo_electronico", FieldKind.EMAIL)
                .containsEntry("telefono", FieldKind.PHONE);
        assertThat(Headers.aliases().keySet()).allSatisfy(k -> assertThat(Headers.fold(k)).isEqualTo(k));
        assertThat(Headers.fold("Correo-Electrónico ")).isEqualTo("correo_electronico");
        assertThat(Headers.fold("firstName")).isEqualTo("first_name");
    }
}
