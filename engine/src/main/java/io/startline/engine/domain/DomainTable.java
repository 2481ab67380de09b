package io.startline.engine.domain;

import java.util.Arrays;
import java.util.List;

/**
 * The engine's one table from template id to domain, checked as it is built: every block lies
 * in its kind's part of the schema and no id has two owners.
 */
public final class DomainTable
{
    private final Domain[] domains;
    /** The owner's position in {@link #domains}, or -1 for an id no domain owns. */
    private final byte[] ownerIndexById = new byte[TemplateIds.DOMAIN_IDS_END];

    /**
     * @param domains        in registration order.
     * @param reservedRanges ids the engine itself owns among the domains' parts (its own snapshot
     *                       records, say), which no domain may take.
     * @throws IllegalArgumentException naming the domain whose block is misplaced or overlaps another.
     */
    public DomainTable(final List<Domain> domains, final List<IdRange> reservedRanges)
    {
        this.domains = domains.toArray(new Domain[0]);
        if (this.domains.length > Byte.MAX_VALUE)
        {
            throw new IllegalArgumentException(this.domains.length + " domains: at most " + Byte.MAX_VALUE);
        }
        Arrays.fill(ownerIndexById, (byte)-1);
        for (int index = 0; index < this.domains.length; index++)
        {
            final Domain domain = this.domains[index];
            final SchemaBlock block = domain.schemaBlock();
            final String misplacement = block.misplacement();
            if (misplacement != null)
            {
                throw new IllegalArgumentException(misplacement);
            }
            for (final IdRange range : block.ranges())
            {
                claim(domain, index, range, reservedRanges);
            }
        }
    }

    private void claim(final Domain domain, final int index, final IdRange range, final List<IdRange> reservedRanges)
    {
        final String name = domain.schemaBlock().domainName();
        for (final IdRange reserved : reservedRanges)
        {
            if (range.overlaps(reserved))
            {
                throw new IllegalArgumentException(name + "'s ids " + range + " overlap the engine's " + reserved);
            }
        }
        for (int id = range.first(); id <= range.last(); id++)
        {
            if (ownerIndexById[id] >= 0)
            {
                throw new IllegalArgumentException(name + " and " +
                    domains[ownerIndexById[id]].schemaBlock().domainName() + " both claim template id " + id);
            }
            ownerIndexById[id] = (byte)index;
        }
    }

    /** Every domain, in registration order: the order of the state hash and of snapshot records. */
    public Domain[] domains()
    {
        return domains;
    }

    /** The domain whose command this is, or null when no domain's command has this id. */
    public Domain commandOwner(final int templateId)
    {
        return ownerIn(TemplateIds.DOMAIN_COMMANDS, templateId);
    }

    /** The position in {@link #domains} of the domain whose command this is, or -1. */
    public int commandOwnerIndex(final int templateId)
    {
        return TemplateIds.DOMAIN_COMMANDS.contains(templateId) ? ownerIndexById[templateId] : -1;
    }

    /** The domain whose query this is, or null. */
    public Domain queryOwner(final int templateId)
    {
        return ownerIn(TemplateIds.QUERIES, templateId);
    }

    /** The domain whose snapshot record this is, or null. */
    public Domain snapshotRecordOwner(final int templateId)
    {
        return ownerIn(TemplateIds.DOMAIN_SNAPSHOT_RECORDS, templateId);
    }

    private Domain ownerIn(final IdRange kind, final int templateId)
    {
        final int index = kind.contains(templateId) ? ownerIndexById[templateId] : -1;
        return index < 0 ? null : domains[index];
    }

    /** The largest result any domain can write. */
    public int maxResultLength()
    {
        int max = 0;
        for (final Domain domain : domains)
        {
            max = Math.max(max, domain.maxResultLength());
        }
        return max;
    }
}
