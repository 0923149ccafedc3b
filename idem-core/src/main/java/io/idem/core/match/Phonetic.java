package io.idem.core.match;

/**
 * A phonetic key for names that works for Spanish (and reasonably for English) spellings: letters
 * that sound alike in Latin American Spanish share a code, vowels after the first letter are
 * dropped and repeated codes collapse. {@code gonzalez}, {@code gonzales} and {@code gonsalez} give
 * {@code GNSLS}; {@code villalba} and {@code vilalva} give {@code BYLB}; {@code jimenez} and
 * {@code gimenez} give {@code JMNS}; {@code quiroga} and {@code kiroga} give {@code KRG}.
 *
 * <p>Input is a token in comparison form (lower case, no accents, letters and digits).
 */
public final class Phonetic {
    private static final int MAX = 8;

    private Phonetic() {
    }

    public static String code(String token) {
        int n = token.length();
        StringBuilder out = new StringBuilder(MAX);
        char last = 0;
        for (int i = 0; i < n && out.length() < MAX; i++) {
            char c = token.charAt(i);
            char next = i + 1 < n ? token.charAt(i + 1) : 0;
            char k;
            switch (c) {
                case 'a', 'e', 'i', 'o', 'u' -> k = out.length() == 0 ? 'A' : 0;
                case 'y' -> k = isVowel(next) ? 'Y' : out.length() == 0 ? 'A' : 0;
                case 'h' -> k = 0;
                case 'c' -> {
                    if (next == 'h') {
                        k = 'X';
                        i++;
                    } else {
                        k = next == 'e' || next == 'i' ? 'S' : 'K';
                    }
                }
                case 'q' -> {
                    k = 'K';
                    if (next == 'u') {
                        i++;
                    }
                }
                case 'g' -> {
                    if (next == 'e' || next == 'i') {
                        k = 'J';
                    } else {
                        k = 'G';
                        if (next == 'u' && i + 2 < n && (token.charAt(i + 2) == 'e' || token.charAt(i + 2) == 'i')) {
                            i++;
                        }
                    }
                }
                case 'j' -> k = 'J';
                case 'z', 's', 'x' -> k = 'S';
                case 'v', 'b', 'w' -> k = 'B';
                case 'k' -> k = 'K';
                case 'l' -> {
                    if (next == 'l') {
                        k = 'Y';
                        i++;
                    } else {
                        k = 'L';
                    }
                }
                case 'p' -> {
                    if (next == 'h') {
                        k = 'F';
                        i++;
                    } else {
                        k = 'P';
                    }
                }
                default -> k = c >= 'a' && c <= 'z' ? (char) (c - 32) : 0;
            }
            if (k != 0 && k != last) {
                out.append(k);
            }
            if (k != 0 || !isVowel(c)) {
                last = k == 0 ? last : k;
            } else {
                // a vowel between two equal consonants keeps them apart ("ana" vs "anna" stay AN either way)
                last = 0;
            }
        }
        return out.toString();
    }

    private static final int CACHE_MAX = 100_000;
    private static final java.util.concurrent.ConcurrentHashMap<String, String> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** {@link #code}, remembered: names repeat, and comparisons ask for the same codes again and again. */
    static String cached(String token) {
        String c = CACHE.get(token);
        if (c == null) {
            if (CACHE.size() >= CACHE_MAX) {
                CACHE.clear();
            }
            c = code(token);
            CACHE.put(token, c);
        }
        return c;
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }
}
