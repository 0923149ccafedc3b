package io.idem.core.normalize;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;

/**
 * Dates and timestamps, parsed by hand (no regex, no DateTimeFormatter on the hot path).
 *
 * <p>Dates: {@code YYYY-MM-DD} (also with '/' and 1-digit month/day), {@code YYYYMMDD},
 * {@code DD/MM/YYYY} and {@code DD-MM-YYYY} (also 1-digit day/month). Day-first is assumed for the
 * year-last shapes: {@code 12/25/1990} is an impossible date, not Christmas. Birth dates are
 * normalised to {@code YYYY-MM-DD}; a birth date exported as a timestamp at midnight
 * ({@code 1990-05-12 00:00:00}) is accepted, any other time of day is not (it usually means a
 * time-zone shift of the real date). Birth dates in the future or before 1900 are rejected. When
 * none of those shapes fits, a birth date is read the ways spreadsheets and clerks write it
 * ({@link #spreadsheetDate}): {@code 05.03.1980}, {@code 05/03/80}, {@code 5-mar-1980},
 * {@code 5 de marzo de 1980}, an Excel day number ({@code 29285}); and a one-digit hour
 * ({@code 5/3/1980 0:00}) is padded for both kinds.
 *
 * <p>Timestamps: any date shape above followed by 'T' or a space and {@code HH:mm}, optional
 * seconds and fraction, optional {@code Z}, {@code UTC} or offset ({@code +01:00}, {@code -0300},
 * {@code -03}) — which covers ISO-8601 instants and local date-times such as
 * {@code 2024-03-01T10:15:00Z}, {@code 2024-03-01 10:15:00}, {@code 01/03/2024 10:15}; or a bare
 * date (start of day). Times without an offset are taken as UTC: sources rarely say their zone,
 * and a fixed rule keeps re-imports stable. Normalised to the ISO instant in UTC, e.g.
 * {@code 2024-03-01T10:15:00Z}.
 */
final class DateNormalizer implements Normalizer {
    private static final int UNRECOGNISED = -1;
    private static final int IMPOSSIBLE = -2;
    private static final String EXPECTED = " (expected YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY or DD-MM-YYYY)";

    private final boolean birthDate;
    private final Clock clock;

    private DateNormalizer(boolean birthDate, Clock clock) {
        this.birthDate = birthDate;
        this.clock = clock;
    }

    static DateNormalizer birthDate(Clock clock) {
        return new DateNormalizer(true, clock);
    }

    static DateNormalizer timestamp() {
        return new DateNormalizer(false, Clock.systemUTC());
    }

    @Override
    public Normalized normalize(String raw) {
        if (Text.isBlank(raw)) {
            return Normalized.EMPTY;
        }
        String t = padHour(Text.trim(raw));
        return birthDate ? birth(t) : timestamp(t);
    }

    /**
     * A time of one-digit hour after a date ({@code 5/3/2024 9:15}, {@code 05/03/1980 0:00}, as a
     * spreadsheet writes a date cell), with its hour padded to two digits; anything else as it is.
     */
    private static String padHour(String t) {
        int sep = timeSeparator(t);
        if (sep > 0 && sep + 2 < t.length() && Text.isAsciiDigit(t.charAt(sep + 1)) && t.charAt(sep + 2) == ':') {
            return t.substring(0, sep + 1) + '0' + t.substring(sep + 1);
        }
        return t;
    }

    /** The index of the space or 'T' between a date and its time (after at least six characters), or -1. */
    private static int timeSeparator(String t) {
        for (int i = 6; i < t.length() && i <= 10; i++) {
            char c = t.charAt(i);
            if (c == ' ' || c == 'T') {
                return i;
            }
        }
        return -1;
    }

    private Normalized birth(String t) {
        int to = t.length();
        int sep = timeSeparator(t);
        if (sep > 0 && isMidnight(t, sep + 1)) {
            to = sep;
        }
        int ymd = parseDate(t, 0, to);
        if (ymd == UNRECOGNISED) {
            ymd = spreadsheetDate(t.substring(0, to), LocalDate.now(clock).getYear());
        }
        if (ymd == UNRECOGNISED) {
            return Normalized.invalid("unrecognised date '" + t + "'" + EXPECTED);
        }
        if (ymd == IMPOSSIBLE) {
            return Normalized.invalid("impossible date '" + t + "'");
        }
        if (ymd / 10000 < 1900) {
            return Normalized.invalid("birth date before 1900 '" + t + "'");
        }
        LocalDate today = LocalDate.now(clock);
        int todayYmd = today.getYear() * 10000 + today.getMonthValue() * 100 + today.getDayOfMonth();
        if (ymd > todayYmd) {
            return Normalized.invalid("birth date in the future '" + t + "'");
        }
        return Normalized.ok(format(ymd));
    }

    private static Normalized timestamp(String t) {
        int n = t.length();
        int k = 8;
        while (k < n && k <= 10 && t.charAt(k) != 'T' && t.charAt(k) != 't' && t.charAt(k) != ' ') {
            k++;
        }
        if (k <= 10 && n >= k + 6) {
            int ymd = parseDate(t, 0, k);
            if (ymd == IMPOSSIBLE) {
                return Normalized.invalid("impossible timestamp '" + t + "'");
            }
            if (ymd > 0) {
                return time(t, ymd, k + 1);
            }
            return unrecognisedTimestamp(t);
        }
        int ymd = parseDate(t, 0, n);
        if (ymd == UNRECOGNISED) {
            return unrecognisedTimestamp(t);
        }
        if (ymd == IMPOSSIBLE) {
            return Normalized.invalid("impossible timestamp '" + t + "'");
        }
        return Normalized.ok(Instant.ofEpochSecond(epochDay(ymd) * 86_400L).toString());
    }

    /** Parses {@code HH:mm[:ss[.fraction]][zone]} starting at index {@code from}. */
    private static Normalized time(String t, int ymd, int from) {
        int n = t.length();
        int hour = Text.parseDigits(t, from, from + 2);
        if (hour < 0 || t.charAt(from + 2) != ':') {
            return unrecognisedTimestamp(t);
        }
        int minute = Text.parseDigits(t, from + 3, from + 5);
        if (minute < 0) {
            return unrecognisedTimestamp(t);
        }
        int i = from + 5;
        int second = 0;
        int nanos = 0;
        if (i < n && t.charAt(i) == ':') {
            second = i + 3 <= n ? Text.parseDigits(t, i + 1, i + 3) : -1;
            if (second < 0) {
                return unrecognisedTimestamp(t);
            }
            i += 3;
            if (i < n && (t.charAt(i) == '.' || t.charAt(i) == ',')) {
                int start = ++i;
                while (i < n && Text.isAsciiDigit(t.charAt(i))) {
                    i++;
                }
                int len = i - start;
                if (len == 0 || len > 9) {
                    return unrecognisedTimestamp(t);
                }
                nanos = Text.parseDigits(t, start, i);
                for (int k = len; k < 9; k++) {
                    nanos *= 10;
                }
            }
        }
        if (i < n && t.charAt(i) == ' ') {
            i++;
        }
        int offsetSeconds = 0;
        if (i < n) {
            char c = t.charAt(i);
            if ((c == 'Z' || c == 'z') && i + 1 == n) {
                i++;
            } else if (t.startsWith("UTC", i) && i + 3 == n) {
                i += 3;
            } else if (c == '+' || c == '-') {
                int oh = i + 3 <= n ? Text.parseDigits(t, i + 1, i + 3) : -1;
                int om = 0;
                int j = i + 3;
                if (j < n) {
                    if (t.charAt(j) == ':') {
                        j++;
                    }
                    om = j + 2 == n ? Text.parseDigits(t, j, j + 2) : -1;
                }
                if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                    return unrecognisedTimestamp(t);
                }
                offsetSeconds = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
                i = n;
            }
        }
        if (i != n) {
            return unrecognisedTimestamp(t);
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return Normalized.invalid("impossible timestamp '" + t + "'");
        }
        long epoch = epochDay(ymd) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Normalized.ok(Instant.ofEpochSecond(epoch, nanos).toString());
    }

    private static Normalized unrecognisedTimestamp(String t) {
        return Normalized.invalid("unrecognised timestamp '" + t
                + "' (expected ISO-8601 like 2024-03-01T10:15:00Z or 2024-03-01 10:15:00, or a date)");
    }

    private static final java.util.regex.Pattern SHORT_YEAR = java.util.regex.Pattern.compile(
            "(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{2})");
    private static final java.util.regex.Pattern DOTTED = java.util.regex.Pattern.compile(
            "(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})");
    private static final java.util.regex.Pattern MONTH_NAME = java.util.regex.Pattern.compile(
            "(\\d{1,2})(?:[-/ ]|\\s+de\\s+)([a-z]+)\\.?(?:[-/ ]|\\s+de\\s+)(\\d{4}|\\d{2})");
    private static final java.util.Map<String, Integer> MONTHS = months();

    private static java.util.Map<String, Integer> months() {
        java.util.Map<String, Integer> m = new java.util.HashMap<>();
        String[][] names = {
            {"ene", "enero", "jan", "january"}, {"feb", "febrero", "february"}, {"mar", "marzo", "march"},
            {"abr", "abril", "apr", "april"}, {"may", "mayo"}, {"jun", "junio", "june"},
            {"jul", "julio", "july"}, {"ago", "agosto", "aug", "august"},
            {"sep", "sept", "set", "septiembre", "setiembre", "september"}, {"oct", "octubre", "october"},
            {"nov", "noviembre", "november"}, {"dic", "diciembre", "dec", "december"}};
        for (int i = 0; i < names.length; i++) {
            for (String n : names[i]) {
                m.put(n, i + 1);
            }
        }
        return m;
    }

    /**
     * A birth date as a spreadsheet or a clerk may write it, when no strict shape matched: with dots
     * ({@code 05.03.1980}), a two-digit year ({@code 05/03/80}: the century that puts it at least
     * twelve years back), a month name ({@code 5-mar-1980}, {@code 5 de marzo de 1980}), or the
     * day number of a date cell exported as a number ({@code 29285}: five digits, days since
     * 1899-12-30, as Excel counts). {@code UNRECOGNISED} when none fits.
     */
    static int spreadsheetDate(String t, int thisYear) {
        java.util.regex.Matcher m;
        if (t.length() == 5 && Text.parseDigits(t, 0, 5) >= 0) {
            LocalDate d = LocalDate.of(1899, 12, 30).plusDays(Text.parseDigits(t, 0, 5));
            return d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth();
        }
        int day;
        int month;
        int year;
        if ((m = DOTTED.matcher(t)).matches()) {
            day = Integer.parseInt(m.group(1));
            month = Integer.parseInt(m.group(2));
            year = Integer.parseInt(m.group(3));
        } else if ((m = SHORT_YEAR.matcher(t)).matches()) {
            day = Integer.parseInt(m.group(1));
            month = Integer.parseInt(m.group(2));
            year = century(Integer.parseInt(m.group(3)), thisYear);
        } else if ((m = MONTH_NAME.matcher(Names.comparisonForm(t.toLowerCase(java.util.Locale.ROOT)))).matches() && MONTHS.containsKey(m.group(2))) {
            day = Integer.parseInt(m.group(1));
            month = MONTHS.get(m.group(2));
            year = m.group(3).length() == 2 ? century(Integer.parseInt(m.group(3)), thisYear)
                    : Integer.parseInt(m.group(3));
        } else {
            return UNRECOGNISED;
        }
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return IMPOSSIBLE;
        }
        return year * 10000 + month * 100 + day;
    }

    /** A two-digit birth year's century: this one when that is at least twelve years back, else the last. */
    private static int century(int yy, int thisYear) {
        int recent = thisYear / 100 * 100 + yy;
        return recent <= thisYear - 12 ? recent : recent - 100;
    }

    /** {@code 00:00}, {@code 00:00:00}, {@code 00:00:00.000}, optionally followed by Z. */
    private static boolean isMidnight(String t, int from) {
        int n = t.length();
        if (t.charAt(n - 1) == 'Z' || t.charAt(n - 1) == 'z') {
            n--;
        }
        if (n - from < 5) {
            return false;
        }
        for (int i = from; i < n; i++) {
            char c = t.charAt(i);
            if (c != '0' && c != ':' && c != '.') {
                return false;
            }
        }
        return t.charAt(from + 2) == ':';
    }

    /**
     * Parses a date between {@code from} and {@code to} into {@code yyyymmdd}, or returns
     * {@link #UNRECOGNISED} for an unknown shape and {@link #IMPOSSIBLE} for a date that does not exist.
     */
    static int parseDate(String s, int from, int to) {
        int len = to - from;
        int year;
        int month;
        int day;
        if (len == 8 && Text.parseDigits(s, from, to) >= 0) {
            year = Text.parseDigits(s, from, from + 4);
            month = Text.parseDigits(s, from + 4, from + 6);
            day = Text.parseDigits(s, from + 6, to);
        } else {
            int p = from;
            while (p < to && Text.isAsciiDigit(s.charAt(p))) {
                p++;
            }
            if (p == to) {
                return UNRECOGNISED;
            }
            char sep = s.charAt(p);
            if (sep != '-' && sep != '/') {
                return UNRECOGNISED;
            }
            int q = p + 1;
            while (q < to && Text.isAsciiDigit(s.charAt(q))) {
                q++;
            }
            if (q == to || s.charAt(q) != sep) {
                return UNRECOGNISED;
            }
            int a = p - from;
            int b = q - p - 1;
            int c = to - q - 1;
            if (a == 4 && b >= 1 && b <= 2 && c >= 1 && c <= 2) {
                year = Text.parseDigits(s, from, p);
                month = Text.parseDigits(s, p + 1, q);
                day = Text.parseDigits(s, q + 1, to);
            } else if (a >= 1 && a <= 2 && b >= 1 && b <= 2 && c == 4) {
                day = Text.parseDigits(s, from, p);
                month = Text.parseDigits(s, p + 1, q);
                year = Text.parseDigits(s, q + 1, to);
            } else {
                return UNRECOGNISED;
            }
            if (year < 0 || month < 0 || day < 0) {
                return UNRECOGNISED;
            }
        }
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return IMPOSSIBLE;
        }
        return year * 10000 + month * 100 + day;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> Year.isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static long epochDay(int ymd) {
        return LocalDate.of(ymd / 10000, ymd / 100 % 100, ymd % 100).toEpochDay();
    }

    private static String format(int ymd) {
        char[] c = new char[10];
        int y = ymd / 10000;
        c[0] = (char) ('0' + y / 1000);
        c[1] = (char) ('0' + y / 100 % 10);
        c[2] = (char) ('0' + y / 10 % 10);
        c[3] = (char) ('0' + y % 10);
        c[4] = '-';
        c[5] = (char) ('0' + ymd / 1000 % 10);
        c[6] = (char) ('0' + ymd / 100 % 10);
        c[7] = '-';
        c[8] = (char) ('0' + ymd / 10 % 10);
        c[9] = (char) ('0' + ymd % 10);
        return new String(c);
    }
}
