package io.startline.persistence;

import java.util.Arrays;

/**
 * A system property that names one of an enum's values, for the node's contexts: a value
 * not known is refused naming the property and the values it takes, rather than with a bare
 * "No enum constant".
 */
public final class EnumProperty
{
    private EnumProperty()
    {
    }

    /**
     * @return the value the property names (case and '-' for '_' forgiven), or {@code defaultValue}
     * when the property is not set.
     * @throws IllegalArgumentException naming the property and the values it takes.
     */
    public static <E extends Enum<E>> E get(final String name, final Class<E> type, final E defaultValue)
    {
        final String value = System.getProperty(name);
        if (value == null)
        {
            return defaultValue;
        }
        try
        {
            return Enum.valueOf(type, value.trim().toUpperCase().replace('-', '_'));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(name + " must be one of " + Arrays.toString(type.getEnumConstants()) +
                ": " + value, ex);
        }
    }
}
