package io.idem.core.normalize;

import io.idem.core.model.FieldKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
                "tarjeta_fidelidad", "codigo_socio", "fidelidad", "loyalty_number", "member_id", "loyalty_card",
                "nro_tarjeta", "id_socio", "socio_id", "cod_socio", "member_number");
        alias(FieldKind.CUSTOMER_ID, "customer_id", "id_cliente", "cliente_id", "nro_cliente", "numero_cliente",
                "codigo_cliente", "customer_number", "client_id", "cod_cliente");
        alias(FieldKind.DEVICE_ID, "device_id", "dispositivo", "id_dispositivo", "anonymous_id", "idfa", "gaid",
                "advertising_id");
        alias(FieldKind.SOCIAL_ID, "social_id", "facebook_id", "google_id", "red_social", "instagram_id",
                "apple_id");
        alias(FieldKind.FIRST_NAME, "nombre", "first_name", "given_name", "firstname", "nombres", "primer_nombre");
        alias(FieldKind.LAST_NAME, "apellido", "apellidos", "last_name", "surname", "lastname", "family_name");
        alias(FieldKind.FULL_NAME, "nombre_completo", "full_name", "name", "cliente", "nombre_y_apellido",
                "apellido_y_nombre", "customer_name");
        alias(FieldKind.BIRTH_DATE, "fecha_nacimiento", "fecha_de_nacimiento", "birth_date", "date_of_birth", "dob",
                "nacimiento", "birthdate", "birthday", "f_nac", "fec_nac", "fecha_nac", "fecha_nacim");
        alias(FieldKind.GENDER, "genero", "sexo", "gender", "sex");
        alias(FieldKind.CONSENT_EMAIL, "consent_email", "consentimiento_email", "acepta_email", "email_opt_in",
                "opt_in_email", "acepta_newsletter", "newsletter", "acepta_mail", "accepts_email_marketing",
                "accepts_marketing", "is_newsletter_opt_in", "newsletter_opt_in");
        alias(FieldKind.CONSENT_SMS, "consent_sms", "consentimiento_sms", "acepta_sms", "sms_opt_in", "opt_in_sms",
                "accepts_sms_marketing");
        alias(FieldKind.CONSENT_WHATSAPP, "consent_whatsapp", "consentimiento_whatsapp", "acepta_whatsapp",
                "whatsapp_opt_in", "opt_in_whatsapp");
        alias(FieldKind.CONSENT_PUSH, "consent_push", "consentimiento_push", "acepta_push", "push_opt_in",
                "opt_in_push");
        alias(FieldKind.ADDRESS, "direccion", "domicilio", "address", "address_1", "address1", "calle",
                "street", "address_line_1");
        alias(FieldKind.STREET_NUMBER, "numero", "altura", "street_number", "nro", "house_number");
        alias(FieldKind.CITY, "ciudad", "localidad", "city", "suburb", "town", "municipio", "comuna");
        alias(FieldKind.POSTCODE, "codigo_postal", "cp", "postcode", "zip", "zipcode", "postal_code", "zip_code",
                "postal");
        alias(FieldKind.REGION, "provincia", "region", "state", "estado", "comunidad_autonoma", "province",
                "province_code", "state_code");
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

    /**
     * The kind a column with this header most likely holds; {@link FieldKind#ATTRIBUTE} when unknown.
     * An alias matches first; otherwise the header is read word by word ({@link #byWords}), with
     * camelCase split and, failing that, unsplit ({@code WhatsApp}).
     */
    public static FieldKind kindFor(String header) {
        if (header == null) {
            return FieldKind.ATTRIBUTE;
        }
        String h = header.replace("#", " nro ");
        String folded = fold(h);
        FieldKind kind = lookup(folded);
        if (kind == null) {
            kind = byWords(folded);
        }
        if (kind == null) {
            String unsplit = Names.comparisonForm(h).replace(' ', '_');
            kind = unsplit.equals(folded) ? null : byWords(unsplit);
        }
        return kind != null ? kind : FieldKind.ATTRIBUTE;
    }

    private static FieldKind lookup(String folded) {
        FieldKind kind = BY_ALIAS.get(folded);
        return kind != null ? kind : BY_COMPACT.get(folded.replace("_", ""));
    }

    /** Words that write "number": {@code Nº Socio}, {@code N° de Tarjeta}, {@code Num. Cliente}, {@code # Cliente}. */
    private static final Set<String> NUMBER = Set.of("n", "no", "nº", "nro", "nr", "num", "numero", "number", "nbr",
            "num.", "ndeg");
    /** What a header naming an address and one of these holds: the part. */
    private static final Set<FieldKind> ADDRESS_PARTS = EnumSet.of(FieldKind.STREET_NUMBER, FieldKind.CITY,
            FieldKind.POSTCODE, FieldKind.REGION, FieldKind.COUNTRY, FieldKind.PHONE, FieldKind.EMAIL);

    /** Words that join others and say nothing. */
    private static final Set<String> CONNECTORS = Set.of("de", "del", "la", "el", "los", "las", "of", "the", "y", "and",
            "e", "o", "or");
    /** Words saying whose value, or which of several, a column holds: {@code Email Cliente}, {@code Teléfono Fijo}. */
    private static final Set<String> QUALIFIERS = Set.of("cliente", "clientes", "customer", "client", "socio",
            "member", "titular", "comprador", "usuario", "user", "personal", "particular", "laboral", "trabajo",
            "principal", "alternativo", "alternativa", "alt", "secundario", "secundaria", "adicional", "otro",
            "otra", "other", "contacto", "contact", "fijo", "primary", "secondary", "home", "work", "segundo",
            "primer", "primero", "materno", "paterno", "actual", "nuevo", "id", "codigo", "cod", "code",
            // where an address is for: Shopify's "Default Address Zip", WooCommerce's "billing_phone"
            "default", "billing", "shipping", "delivery", "facturacion", "envio", "entrega");
    /** Words of a column about a value, not holding it: {@code Tipo Doc}, {@code Email verificado}. */
    private static final Set<String> NOT_THE_VALUE = Set.of("tipo", "type", "verificado", "verificada", "verified",
            "validado", "validada", "valido", "valida", "valid", "confirmado", "confirmada", "status", "cantidad",
            "cant", "count", "acepta", "opt", "consentimiento", "vendedor", "vendedora", "seller", "referido",
            "referida", "referrer", "empresa", "company");

    /**
     * A header no alias matches, read word by word. "Number" words become {@code nro} and
     * connectors, single letters and numbers go ({@code Nro. de Documento}, {@code Teléfono 1},
     * {@code F. Nacimiento}); what is left is looked up, then without {@code nro} and the
     * qualifiers; failing that, every word left must be an alias of one kind ({@code DNI/CUIT},
     * {@code Tel. Celular}), or of a first and a last name ({@code Apellido, Nombre}: a full name).
     * A word not known, or one that says the column is about the value rather than the value
     * ({@code Tipo Doc}, {@code Email del vendedor}), leaves it a plain attribute: a column taken
     * for an identifier when it is not would link people.
     */
    static FieldKind byWords(String folded) {
        List<String> words = new ArrayList<>();
        for (String w : folded.split("_")) {
            if (w.isEmpty() || CONNECTORS.contains(w) || w.chars().allMatch(Character::isDigit)) {
                continue;
            }
            if (NOT_THE_VALUE.contains(w)) {
                return null;
            }
            if (NUMBER.contains(w)) {
                words.add("nro");
            } else if (w.length() > 1) {
                // a numbered copy: "Email2", "Address2"
                String base = w.replaceFirst("(?<=[a-z]{3})\\d+$", "");
                words.add(base);
            }
        }
        if (words.isEmpty()) {
            return null;
        }
        FieldKind kind = lookup(String.join("_", words));
        if (kind == null && words.contains("nro")) {
            // the number written after: "Cliente #", "Socio Nro"
            List<String> first = new ArrayList<>(List.of("nro"));
            words.stream().filter(w -> !w.equals("nro")).forEach(first::add);
            kind = lookup(String.join("_", first));
        }
        if (kind != null) {
            return kind;
        }
        List<String> core = new ArrayList<>();
        for (String w : words) {
            if (!w.equals("nro") && !QUALIFIERS.contains(w)) {
                core.add(w);
            }
        }
        if (core.isEmpty()) {
            return null;
        }
        kind = lookup(String.join("_", core));
        if (kind != null) {
            return kind;
        }
        Set<FieldKind> kinds = EnumSet.noneOf(FieldKind.class);
        for (String w : core) {
            FieldKind k = lookup(w);
            if (k == null) {
                return null;
            }
            kinds.add(k);
        }
        if (kinds.size() == 1) {
            return kinds.iterator().next();
        }
        // an address's part: "Default Address City", "Dirección - Código Postal"
        if (kinds.size() == 2 && kinds.remove(FieldKind.ADDRESS) && ADDRESS_PARTS.containsAll(kinds)) {
            return kinds.iterator().next();
        }
        return kinds.equals(EnumSet.of(FieldKind.FIRST_NAME, FieldKind.LAST_NAME)) ? FieldKind.FULL_NAME : null;
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
