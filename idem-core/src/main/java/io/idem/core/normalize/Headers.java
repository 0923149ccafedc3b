package io.idem.core.normalize;

import io.idem.core.model.FieldKind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Guesses the kind of a column from its header, in English or Spanish. Headers are folded before
 * lookup: accents removed, case ignored, camelCase split, and spaces, dashes, dots and underscores
 * all treated as one separator ({@code "Teléfono Móvil"}, {@code "telefono_movil"} and
 * {@code "TelefonoMovil"} are the same). A header matches an alias with or without its separators
 * ({@code "E-mail"}, {@code "email"}; {@code "nro socio"}, {@code "nrosocio"}). Unknown headers are
 * {@link FieldKind#ATTRIBUTE}.
 */
public final class Headers {
    /** The alias table: folded header (words joined by '_') to kind. Add aliases here. */
    private static final Map<FieldKind, String[]> ALIASES = new LinkedHashMap<>();

    static {
        alias(FieldKind.EMAIL, "email", "e_mail", "mail", "correo", "correo_electronico", "email_address",
                "direccion_de_correo", "mail_address");
        alias(FieldKind.PHONE, "phone", "telefono", "tel", "celular", "cel", "movil", "mobile", "whatsapp",
                "phone_number", "telefono_movil", "telefono_celular", "nro_telefono", "numero_telefono",
                "numero_de_telefono", "mobile_phone", "cell", "cellphone", "cell_phone", "telephone");
        alias(FieldKind.DOCUMENT, "dni", "documento", "document", "doc", "nro_documento", "numero_documento",
                "numero_de_documento", "nro_doc", "cuit", "cuil", "nif", "nie", "cpf", "rut", "national_id",
                "ssn", "soc_sec_id", "document_number", "id_number", "passport", "pasaporte");
        alias(FieldKind.LOYALTY_ID, "loyalty_id", "loyalty", "socio", "nro_socio", "numero_socio", "tarjeta",
                "tarjeta_fidelidad", "codigo_socio", "fidelidad", "loyalty_number", "member_id", "loyalty_card");
        alias(FieldKind.CUSTOMER_ID, "customer_id", "id_cliente", "cliente_id", "nro_cliente", "numero_cliente",
                "codigo_cliente", "customer_number", "client_id");
        alias(FieldKind.DEVICE_ID, "device_id", "dispositivo", "id_dispositivo", "anonymous_id", "idfa", "gaid",
                "advertising_id");
        alias(FieldKind.SOCIAL_ID, "social_id", "facebook_id", "google_id", "red_social", "instagram_id",
                "apple_id");
        alias(FieldKind.FIRST_NAME, "nombre", "first_name", "given_name", "firstname", "nombres", "primer_nombre");
        alias(FieldKind.LAST_NAME, "apellido", "apellidos", "last_name", "surname", "lastname", "family_name");
        alias(FieldKind.FULL_NAME, "nombre_completo", "full_name", "name", "cliente", "nombre_y_apellido",
                "apellido_y_nombre", "customer_name");
        alias(FieldKind.BIRTH_DATE, "fecha_nacimiento", "fecha_de_nacimiento", "birth_date", "date_of_birth", "dob",
                "nacimiento", "birthdate", "birthday", "f_nac", "fec_nac");
        alias(FieldKind.GENDER, "genero", "sexo", "gender", "sex");
        alias(FieldKind.CONSENT_EMAIL, "consent_email", "consentimiento_email", "acepta_email", "email_opt_in",
                "opt_in_email", "acepta_newsletter", "newsletter", "acepta_mail");
        alias(FieldKind.CONSENT_SMS, "consent_sms", "consentimiento_sms", "acepta_sms", "sms_opt_in", "opt_in_sms");
        alias(FieldKind.CONSENT_WHATSAPP, "consent_whatsapp", "consentimiento_whatsapp", "acepta_whatsapp",
                "whatsapp_opt_in", "opt_in_whatsapp");
        alias(FieldKind.CONSENT_PUSH, "consent_push", "consentimiento_push", "acepta_push", "push_opt_in",
                "opt_in_push");
        alias(FieldKind.ADDRESS, "direccion", "domicilio", "address", "address_1", "address1", "calle",
                "street", "address_line_1");
        alias(FieldKind.STREET_NUMBER, "numero", "altura", "street_number", "nro", "house_number");
        alias(FieldKind.CITY, "ciudad", "localidad", "city", "suburb", "town", "municipio", "comuna");
        alias(FieldKind.POSTCODE, "codigo_postal", "cp", "postcode", "zip", "zipcode", "postal_code", "zip_code");
        alias(FieldKind.REGION, "provincia", "region", "state", "estado", "comunidad_autonoma");
        alias(FieldKind.COUNTRY, "pais", "country", "country_code", "codigo_pais");
        alias(FieldKind.EVENT, "evento", "event", "accion", "action", "event_type", "tipo_evento");
        alias(FieldKind.TIMESTAMP, "fecha", "timestamp", "date", "fecha_hora", "datetime", "created_at",
                "event_time", "fecha_evento", "fecha_compra");
        alias(FieldKind.AMOUNT, "monto", "importe", "total", "amount", "monto_total", "importe_total", "price",
                "precio");
    }

    private static final Map<String, FieldKind> BY_ALIAS = new HashMap<>();
    private static final Map<String, FieldKind> BY_COMPACT = new HashMap<>();

    static {
        for (Map.Entry<FieldKind, String[]> e : ALIASES.entrySet()) {
            for (String alias : e.getValue()) {
                String folded = fold(alias);
                add(BY_ALIAS, folded, e.getKey(), alias);
                add(BY_COMPACT, folded.replace("_", ""), e.getKey(), alias);
            }
        }
    }

    private Headers() {
    }

    private static void alias(FieldKind kind, String... aliases) {
        ALIASES.put(kind, aliases);
    }

    private static void add(Map<String, FieldKind> map, String key, FieldKind kind, String alias) {
        FieldKind previous = map.putIfAbsent(key, kind);
        if (previous != null && previous != kind) {
            throw new IllegalStateException("header alias '" + alias + "' is both " + previous + " and " + kind);
        }
    }

    /** The kind a column with this header most likely holds; {@link FieldKind#ATTRIBUTE} when unknown. */
    public static FieldKind kindFor(String header) {
        if (header == null) {
            return FieldKind.ATTRIBUTE;
        }
        String folded = fold(header);
        FieldKind kind = BY_ALIAS.get(folded);
        if (kind == null) {
            kind = BY_COMPACT.get(folded.replace("_", ""));
        }
        return kind != null ? kind : FieldKind.ATTRIBUTE;
    }

    /** Every alias and its kind, as folded keys. */
    public static Map<String, FieldKind> aliases() {
        return Map.copyOf(BY_ALIAS);
    }

    /** The folded form of a header: accents removed, lower-case, camelCase split, words joined by '_'. */
    public static String fold(String header) {
        StringBuilder split = new StringBuilder(header.length() + 4);
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && Character.isLowerCase(header.charAt(i - 1))) {
                split.append(' ');
            }
            split.append(c);
        }
        return Names.comparisonForm(split.toString()).replace(' ', '_');
    }
}
