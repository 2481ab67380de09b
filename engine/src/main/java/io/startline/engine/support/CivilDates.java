package io.startline.engine.support;

/**
 * Calendar arithmetic on epoch days without allocating (java.time objects would, per entry):
 * the proleptic Gregorian conversion of Howard Hinnant's {@code civil_from_days}.
 */
public final class CivilDates
{
    private CivilDates()
    {
    }

    /**
     * @return the date as {@code yyyymmdd}, e.g. 20270412.
     */
    public static int yyyymmdd(final long epochDay)
    {
        final long z = epochDay + 719_468;
        final long era = Math.floorDiv(z, 146_097);
        final long dayOfEra = z - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long mp = (5 * dayOfYear + 2) / 153;
        final long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        final long month = mp < 10 ? mp + 3 : mp - 9;
        final long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return (int)(year * 10_000 + month * 100 + day);
    }

    /**
     * Completed years from a birth date to a day: a person born on 29 February comes of age
     * on 1 March in common years.
     */
    public static int ageOn(final long birthEpochDay, final long onEpochDay)
    {
        final int birth = yyyymmdd(birthEpochDay);
        final int on = yyyymmdd(onEpochDay);
        final int years = on / 10_000 - birth / 10_000;
        return on % 10_000 < birth % 10_000 ? years - 1 : years;
    }
}
