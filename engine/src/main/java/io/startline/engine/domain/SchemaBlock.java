package io.startline.engine.domain;

/**
 * The template ids one domain owns in the schema: its journaled commands, its read-only queries
 * and its snapshot records. Each range must lie in its kind's part of the schema
 * ({@link TemplateIds}) and no two domains may share an id; {@link DomainTable} checks both.
 */
public record SchemaBlock(String domainName, IdRange commands, IdRange queries, IdRange snapshotRecords)
{
    /** Why this block cannot be part of the schema, or null when it can. */
    String misplacement()
    {
        if (!commands.isWithin(TemplateIds.DOMAIN_COMMANDS))
        {
            return domainName + "'s commands " + commands + " lie outside " + TemplateIds.DOMAIN_COMMANDS;
        }
        if (!queries.isWithin(TemplateIds.QUERIES))
        {
            return domainName + "'s queries " + queries + " lie outside " + TemplateIds.QUERIES;
        }
        if (!snapshotRecords.isWithin(TemplateIds.DOMAIN_SNAPSHOT_RECORDS))
        {
            return domainName + "'s snapshot records " + snapshotRecords + " lie outside " +
                TemplateIds.DOMAIN_SNAPSHOT_RECORDS;
        }
        return null;
    }

    IdRange[] ranges()
    {
        return new IdRange[] {commands, queries, snapshotRecords};
    }
}
