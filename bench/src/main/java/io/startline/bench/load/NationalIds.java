package io.startline.bench.load;

import java.time.LocalDate;

/**
 * Distinct, valid national ID numbers (GB 11643: 17 digits and an ISO 7064 MOD 11-2 check
 * character) for a marathon's entrants, one per person index, with the birth date the number
 * encodes: the node refuses an entry whose number fails the check, and one person may enter a
 * race once.
 */
public final class NationalIds
{
    /** Beijing Xicheng: any six-digit region code passes the check; this one is real. */
    private static final String REGION = "110102";
    private static final LocalDate FIRST_BIRTH_DATE = LocalDate.of(1962, 1, 1);
    /** About 38 years of birth dates: entrants aged about 26 to 65 on a race day in 2027, within every category's limits. */
    private static final int BIRTH_DAYS = 14_000;
    /** The three-digit sequence: with the birth days it numbers 14 million people. */
    private static final int SEQUENCES = 1_000;
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    public static final int CAPACITY = BIRTH_DAYS * SEQUENCES;

    private NationalIds()
    {
    }

    public static String of(final int personIndex)
    {
        final String first17 = REGION + birthDate(personIndex).toString().replace("-", "") +
            String.format("%03d", sequence(personIndex));
        int sum = 0;
        for (int i = 0; i < first17.length(); i++)
        {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + CHECK[sum % 11];
    }

    public static LocalDate birthDate(final int personIndex)
    {
        check(personIndex);
        return FIRST_BIRTH_DATE.plusDays(personIndex % BIRTH_DAYS);
    }

    /** The number's seventeenth digit is odd for a man, as GB 11643 has it. */
    public static String gender(final int personIndex)
    {
        return sequence(personIndex) % 2 == 1 ? "M" : "F";
    }

    private static int sequence(final int personIndex)
    {
        check(personIndex);
        return personIndex / BIRTH_DAYS;
    }

    private static void check(final int personIndex)
    {
        if (personIndex < 0 || personIndex >= CAPACITY)
        {
            throw new IllegalArgumentException("person index " + personIndex + " is outside [0, " + CAPACITY + ")");
        }
    }
}
