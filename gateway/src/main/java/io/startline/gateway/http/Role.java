package io.startline.gateway.http;

/**
 * Who a token says the caller is; the JSON spelling is the lower-case name.
 */
public enum Role
{
    PARTICIPANT, MERCHANT, GATE, ADMIN;

    public String json()
    {
        return name().toLowerCase();
    }

    /** @return the role, or null for a spelling API.md does not define. */
    public static Role fromJson(final String value)
    {
        for (final Role role : values())
        {
            if (role.json().equals(value))
            {
                return role;
            }
        }
        return null;
    }
}
