package io.idem.core.golden;

import io.idem.core.IdemException;
import java.util.Locale;

/** How the best value of an attribute is chosen among the values a profile's records carry. */
public enum Rule {
    /** The value seen at the latest time (event time of the record, else when it was received). */
    MOST_RECENT,
    /** The value carried by the most records. */
    MOST_FREQUENT,
    /** The value from the most trusted source (see the source priority list). */
    SOURCE_PRIORITY,
    /** The longest value (more detail: a full address over a street name). */
    MOST_COMPLETE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Rule parse(String text, String where) {
        for (Rule r : values()) {
            if (r.key().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IdemException.Configuration(where + ": unknown rule '" + text.trim()
                + "', expected most_recent, most_frequent, source_priority or most_complete");
    }
}
