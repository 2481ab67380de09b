package io.startline.engine.voucher;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.startline.engine.voucher.VoucherFixture.DAY;
import static io.startline.engine.voucher.VoucherFixture.T0;
import static io.startline.engine.voucher.VoucherFixture.TIERS;
import static org.assertj.core.api.Assertions.assertThat;

class CampaignCreationTest
{
    private final EngineDriver engine = new EngineDriver(EngineDriver.smallContext(), T0);

    private record Spec(String name, long budgetFen, int validDays, long validUntil, int perUserLimit,
        List<EngineDriver.Tier> tiers, long[] storeIds)
    {
        Spec name(final String value)
        {
            return new Spec(value, budgetFen, validDays, validUntil, perUserLimit, tiers, storeIds);
        }

        Spec budgetFen(final long value)
        {
            return new Spec(name, value, validDays, validUntil, perUserLimit, tiers, storeIds);
        }

        Spec validDays(final int value)
        {
            return new Spec(name, budgetFen, value, validUntil, perUserLimit, tiers, storeIds);
        }

        Spec validUntil(final long value)
        {
            return new Spec(name, budgetFen, validDays, value, perUserLimit, tiers, storeIds);
        }

        Spec perUserLimit(final int value)
        {
            return new Spec(name, budgetFen, validDays, validUntil, value, tiers, storeIds);
        }

        Spec tiers(final List<EngineDriver.Tier> value)
        {
            return new Spec(name, budgetFen, validDays, validUntil, perUserLimit, value, storeIds);
        }

        Spec stores(final long... value)
        {
            return new Spec(name, budgetFen, validDays, validUntil, perUserLimit, tiers, value);
        }
    }

    private static final Spec VALID = new Spec("Vouchers", 1_000_000, 7, T0 + 30 * DAY, 1, TIERS, new long[] {101, 102});

    private EngineDriver.Created create(final Spec spec)
    {
        return engine.createCampaign(spec.name(), spec.budgetFen(), spec.validDays(), spec.validUntil(),
            spec.perUserLimit(), spec.tiers(), spec.storeIds());
    }

    @Test
    void aValidCampaignGetsTheNextIdAndItsWholeBudgetLeft()
    {
        assertThat(create(VALID)).isEqualTo(new EngineDriver.Created(ResultCode.OK, 1, ""));
        assertThat(create(VALID).id()).isEqualTo(2);

        final CampaignStats stats = engine.stats(1);
        assertThat(stats.budgetFen()).isEqualTo(1_000_000);
        assertThat(stats.budgetLeftFen()).isEqualTo(1_000_000);
        assertThat(stats.byStore()).extracting(CampaignStats.Row::key).containsExactly("101", "102");
    }

    static Stream<Arguments> invalidSpecs()
    {
        final List<EngineDriver.Tier> seventeenTiers = new ArrayList<>();
        for (int i = 0; i < 17; i++)
        {
            seventeenTiers.add(new EngineDriver.Tier("T" + i, 100, 1000));
        }
        final long[] sixtyFiveStores = new long[65];
        for (int i = 0; i < sixtyFiveStores.length; i++)
        {
            sixtyFiveStores[i] = 1000 + i;
        }
        return Stream.of(
            Arguments.of("empty name", VALID.name(""), "name"),
            Arguments.of("name over 200 bytes", VALID.name("x".repeat(201)), "name"),
            Arguments.of("zero budget", VALID.budgetFen(0), "budgetFen"),
            Arguments.of("negative budget", VALID.budgetFen(-5), "budgetFen"),
            Arguments.of("budget over the maximum", VALID.budgetFen(VoucherCampaigns.BUDGET_MAX_FEN + 1), "budgetFen"),
            Arguments.of("zero validity days", VALID.validDays(0), "validDaysAfterClaim"),
            Arguments.of("validity over ten years", VALID.validDays(3661), "validDaysAfterClaim"),
            Arguments.of("validUntil not in the future", VALID.validUntil(T0), "validUntil"),
            Arguments.of("zero per-user limit", VALID.perUserLimit(0), "perUserLimit"),
            Arguments.of("per-user limit over 1000", VALID.perUserLimit(1001), "perUserLimit"),
            Arguments.of("no tiers", VALID.tiers(List.of()), "tiers"),
            Arguments.of("more tiers than the limit", VALID.tiers(seventeenTiers), "tiers"),
            Arguments.of("tier code with a space", VALID.tiers(List.of(new EngineDriver.Tier("T 5", 5, 10))),
                "tiers.code"),
            Arguments.of("empty tier code", VALID.tiers(List.of(new EngineDriver.Tier("", 5, 10))), "tiers.code"),
            Arguments.of("duplicate tier code", VALID.tiers(List.of(
                new EngineDriver.Tier("T5", 5, 10), new EngineDriver.Tier("T5", 6, 10))), "tiers.code"),
            Arguments.of("zero face value", VALID.tiers(List.of(new EngineDriver.Tier("T0", 0, 10))),
                "tiers.faceValueFen"),
            Arguments.of("face value above budget", VALID.tiers(List.of(
                new EngineDriver.Tier("T", 2_000_000, 3_000_000))), "tiers.faceValueFen"),
            Arguments.of("threshold below face value", VALID.tiers(List.of(new EngineDriver.Tier("T", 5_000, 4_999))),
                "tiers.thresholdFen"),
            Arguments.of("no stores", VALID.stores(), "storeIds"),
            Arguments.of("more stores than the limit", VALID.stores(sixtyFiveStores), "storeIds"),
            Arguments.of("duplicate store", VALID.stores(101, 102, 101), "storeIds"),
            Arguments.of("store id zero", VALID.stores(0), "storeIds"),
            Arguments.of("store id past 2^53 - 1", VALID.stores(1L << 53), "storeIds"));
    }

    @ParameterizedTest(name = "{0} is refused, naming {2}")
    @MethodSource("invalidSpecs")
    void anInvalidCampaignIsRefusedNamingTheFieldAndChangesNothing(
        final String description, final Spec spec, final String field)
    {
        final EngineDriver twin = new EngineDriver(EngineDriver.smallContext(), T0);
        final EngineDriver.Created created = create(spec);
        twin.tick();

        assertThat(created.code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(created.field()).isEqualTo(field);
        assertThat(engine.engine().stateHash()).as("same state as a twin that only ticked")
            .isEqualTo(twin.engine().stateHash());
        assertThat(engine.stats(1)).as("no campaign was made").isNull();
        assertThat(create(VALID).id()).as("the refused one used no id").isEqualTo(1);
    }

    @Test
    void theCampaignLimitIsReportedWhenReached()
    {
        final EngineDriver limited = new EngineDriver(EngineDriver.smallContext().maxCampaigns(2), T0);
        final Spec spec = VALID;
        for (int i = 0; i < 2; i++)
        {
            assertThat(limited.createCampaign(spec.name(), spec.budgetFen(), spec.validDays(), spec.validUntil(),
                spec.perUserLimit(), spec.tiers(), spec.storeIds()).code()).isEqualTo(ResultCode.OK);
        }
        assertThat(limited.createCampaign(spec.name(), spec.budgetFen(), spec.validDays(), spec.validUntil(),
            spec.perUserLimit(), spec.tiers(), spec.storeIds()).code()).isEqualTo(ResultCode.CAPACITY_REACHED);
    }

    @Test
    void anEngineWithoutACodeKeyRefusesToStart()
    {
        final EngineContext noKey = new EngineContext();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new io.startline.engine.Engine(noKey))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("codeKey");
    }
}
