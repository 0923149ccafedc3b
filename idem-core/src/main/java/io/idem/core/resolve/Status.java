package io.idem.core.resolve;

/** How an identifier value may be used to link records. */
enum Status {
    /** Links freely, except across different documents. */
    OK,
    /** Seen with two or more different documents: links only records a name assigns to one of them. */
    SHARED,
    /** Seen with too many documents or names: never links, reported. */
    QUARANTINED
}
