package io.startline.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaBlockTest
{
    @Test
    void eachKindOfIdMustLieInItsPartOfTheSchema()
    {
        final IdRange queries = new IdRange(1090, 1090);
        final IdRange records = new IdRange(3090, 3090);

        assertThat(new SchemaBlock("counter", new IdRange(90, 91), queries, records).misplacement()).isNull();
        assertThat(new SchemaBlock("counter", new IdRange(5, 11), queries, records).misplacement())
            .isEqualTo("counter's commands 5..11 lie outside 10..999");
        assertThat(new SchemaBlock("counter", new IdRange(90, 91), new IdRange(2090, 2090), records).misplacement())
            .isEqualTo("counter's queries 2090..2090 lie outside 1000..1999");
        assertThat(new SchemaBlock("counter", new IdRange(90, 91), queries, new IdRange(3005, 3011)).misplacement())
            .isEqualTo("counter's snapshot records 3005..3011 lie outside 3010..3999");
    }

    @Test
    void aDomainMayOwnNoIdsOfAKind()
    {
        assertThat(new SchemaBlock("clock", IdRange.NONE, IdRange.NONE, IdRange.NONE).misplacement()).isNull();
        assertThat(IdRange.NONE.overlaps(new IdRange(0, 4000))).isFalse();
    }
}
