package io.startline.gateway.http.routes;

import java.util.Set;

import io.startline.gateway.http.ApiException;
import io.startline.gateway.http.JsonBody;

/**
 * The bodies of the organiser's edits (the PATCH routes): only the fields an edit may change. A
 * field the creation takes but no edit may change is refused by name, {@code 409 NOT_EDITABLE} (the
 * engine's code for an edit that may not be made, with the one status every code has),
 * saying to create a new one instead; any other field is unknown, as everywhere. A body that
 * changes nothing is refused too, so that an empty edit is never journaled.
 */
final class EditBodies
{
    private EditBodies()
    {
    }

    /**
     * @param editable  the fields this edit may carry
     * @param creation  the fields the creation takes
     * @param thing     what is edited, for the message: "campaign", "drop", "race", "venue"
     */
    static JsonBody editable(final JsonBody body, final Set<String> editable, final Set<String> creation,
        final String thing)
    {
        for (final String field : body.fieldNames())
        {
            if (!editable.contains(field) && creation.contains(field))
            {
                throw new ApiException(409, "NOT_EDITABLE", "a " + thing + "'s " + field +
                    " is never edited: create a new " + thing + " instead", body.pathOf(field));
            }
        }
        body.only(editable);
        if (editable.stream().noneMatch(body::has))
        {
            throw ApiException.badRequest(null, "the body names nothing to edit: give at least one of " +
                String.join(", ", editable.stream().sorted().toList()));
        }
        return body;
    }
}
