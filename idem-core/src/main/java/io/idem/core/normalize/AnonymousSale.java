package io.idem.core.normalize;

import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A sale the clerk marked as anonymous by the name typed in: "CONSUMIDOR FINAL" (what an Argentine
 * invoice to an unidentified buyer says), "Cliente mostrador", "Sin nombre", "NN"... Such a name is
 * nobody's, and the phone or e-mail typed beside it is most often the store's own (a clerk needs
 * something in a required field). Left as they were, a dozen such tickets with the store's phone
 * and one real customer who gave that phone too ended in one profile: hers, with eleven strangers'
 * purchases.
 *
 * <p>So on a record whose whole name (first, last and full name fields together, compared without
 * case or accents) is one of these, the name fields and the phones and e-mails are kept as received
 * but marked not usable, with the reason: they neither link nor count as a name in fuzzy matching. A
 * document, loyalty card, customer id or device id on it still identifies the buyer.
 */
public final class AnonymousSale {
    /**
     * Whole names meaning "no one", in comparison form (see {@link Names#comparisonForm}): the
     * built-in {@code name:} entries of {@link Placeholders}, which a placeholders file extends.
     */
    static final List<String> NAMES = List.of(
            "consumidor final", "consumidor", "cons final", "cliente", "cliente final", "cliente mostrador",
            "cliente ocasional", "cliente contado", "cliente generico", "cliente varios", "clientes varios",
            "venta mostrador", "venta contado", "mostrador", "contado", "varios", "publico general",
            "publico en general", "sin nombre", "sin datos", "sin dato", "no informa", "no informado",
            "no tiene", "desconocido", "desconocida", "anonimo", "anonima", "nn", "n n", "xx", "xxx",
            "ninguno", "test", "prueba");

    static final String NAME_PROBLEM = "a name meaning no one (an anonymous sale)";
    static final String CONTACT_PROBLEM = "typed on an anonymous sale (the store's own, most often): not used to link";

    private AnonymousSale() {
    }

    /** Whether a whole name, as typed, is one of the built-in names meaning no one. */
    public static boolean isPlaceholderName(String name) {
        return Placeholders.defaults().names().contains(Names.comparisonForm(name));
    }

    /** {@link #mark(List, Set)} with the built-in names. */
    public static List<Field> mark(List<Field> fields) {
        return mark(fields, Placeholders.defaults().names());
    }

    /**
     * {@code fields} as they are, or with the name, phones and e-mails of an anonymous sale marked:
     * one whose whole name, in comparison form, is one of {@code names}.
     */
    public static List<Field> mark(List<Field> fields, Set<String> names) {
        StringBuilder name = new StringBuilder();
        for (Field f : fields) {
            if (isName(f.kind()) && f.valid()) {
                name.append(' ').append(f.normalized());
            }
        }
        if (name.length() == 0 || !names.contains(Names.comparisonForm(name.toString()))) {
            return fields;
        }
        List<Field> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            if (isName(f.kind()) && f.valid()) {
                out.add(new Field(f.column(), f.kind(), f.raw(), f.normalized(), NAME_PROBLEM));
            } else if ((f.kind() == FieldKind.PHONE || f.kind() == FieldKind.EMAIL) && f.valid()) {
                out.add(new Field(f.column(), f.kind(), f.raw(), f.normalized(), CONTACT_PROBLEM));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /** Whether {@link #mark} marked this field. */
    public static boolean marked(Field f) {
        return NAME_PROBLEM.equals(f.problem()) || CONTACT_PROBLEM.equals(f.problem());
    }

    private static boolean isName(FieldKind k) {
        return k == FieldKind.FIRST_NAME || k == FieldKind.LAST_NAME || k == FieldKind.FULL_NAME;
    }
}
