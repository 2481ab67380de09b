package io.startline.bench.load;

/**
 * The three scenarios by name, each sized by the number of requests of its rush (claims,
 * entries or holds) with every other choice at its default: how a warm-up and each step of a
 * rate search make a smaller run of the same shape.
 */
public enum ScenarioKind
{
    FLASH_DROP(FlashDrop.NAME)
    {
        @Override
        public Scenario sized(final int rushRequests, final int checkSample)
        {
            return FlashDrop.sizedFor(rushRequests, FlashDrop.REPEAT_SHARE_DEFAULT, FlashDrop.REDEEM_SHARE_DEFAULT,
                FlashDrop.STORES_DEFAULT, checkSample);
        }
    },
    MARATHON(Marathon.NAME)
    {
        @Override
        public Scenario sized(final int rushRequests, final int checkSample)
        {
            return new Marathon(rushRequests, Marathon.CLOSE_MARGIN_MS_DEFAULT, checkSample);
        }
    },
    VENUE_RELEASE(VenueRelease.NAME)
    {
        @Override
        public Scenario sized(final int rushRequests, final int checkSample)
        {
            return new VenueRelease(rushRequests, VenueRelease.COURTS_DEFAULT, VenueRelease.TWO_SLOT_SHARE_DEFAULT,
                VenueRelease.CONFIRM_SHARE_DEFAULT, checkSample);
        }

        @Override
        public Scenario warmup(final int rushRequests)
        {
            return new VenueRelease(rushRequests, VenueRelease.COURTS_DEFAULT, VenueRelease.TWO_SLOT_SHARE_DEFAULT,
                VenueRelease.CONFIRM_SHARE_DEFAULT, WARMUP_CHECK_SAMPLE, true);
        }
    };

    private static final int WARMUP_CHECK_SAMPLE = 100;

    private final String scenarioName;

    ScenarioKind(final String scenarioName)
    {
        this.scenarioName = scenarioName;
    }

    /** A run of this scenario whose rush sends about {@code rushRequests} requests. */
    public abstract Scenario sized(int rushRequests, int checkSample);

    /**
     * A run that warms the node's routes and the generator before measured ones: the same as
     * {@link #sized}, except that a venue's day is released already, so it starts at once.
     */
    public Scenario warmup(final int rushRequests)
    {
        return sized(rushRequests, WARMUP_CHECK_SAMPLE);
    }

    public String scenarioName()
    {
        return scenarioName;
    }

    /** By its command-line name: {@code flash-drop}, {@code marathon}, {@code venue-release}. */
    public static ScenarioKind named(final String name)
    {
        for (final ScenarioKind kind : values())
        {
            if (kind.scenarioName.equals(name))
            {
                return kind;
            }
        }
        throw new IllegalArgumentException("no scenario " + name + ": flash-drop, marathon or venue-release");
    }
}
