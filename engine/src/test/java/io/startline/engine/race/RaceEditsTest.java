package io.startline.engine.race;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import io.startline.engine.codec.EditRaceEncoder;
import io.startline.engine.codec.ListRacesEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RaceEditedDecoder;
import io.startline.engine.codec.RaceListDecoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.RaceDriver;
import io.startline.engine.testkit.Snapshots;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.startline.engine.race.RaceFixture.CLOSES_AT;
import static io.startline.engine.race.RaceFixture.DAY;
import static io.startline.engine.race.RaceFixture.FULL;
import static io.startline.engine.race.RaceFixture.HALF;
import static io.startline.engine.race.RaceFixture.PAYMENT_WINDOW_MS;
import static io.startline.engine.race.RaceFixture.RACE_DATE;
import static io.startline.engine.race.RaceFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organiser's safe edits of a race: the name at any time; the race date, the registration
 * window and the payment window only before registration opens, checked as a new race's are.
 */
class RaceEditsTest
{
    /** Registration opens a day after the fixture's engine reaches T0. */
    private static final long OPENS_AT = T0 + DAY;

    private final RaceFixture f = new RaceFixture(RaceFixture.race("Startline Spring Marathon", RACE_DATE, OPENS_AT,
        CLOSES_AT, PAYMENT_WINDOW_MS, List.of(FULL, HALF)));

    @Test
    void theWindowIsMovedBeforeRegistrationOpensAndEntriesFollowIt()
    {
        final RaceEditedDecoder edited = edit(f.engine, new Edit(f.raceId).opens(OPENS_AT + DAY).closes(CLOSES_AT + DAY)
            .paymentWindow(2 * DAY).raceDate(RACE_DATE.plusDays(7)));

        assertThat(edited).isNotNull();
        assertThat(edited.registrationOpensAt()).isEqualTo(OPENS_AT + DAY);
        assertThat(edited.registrationClosesAt()).isEqualTo(CLOSES_AT + DAY);
        assertThat(edited.paymentWindowMs()).isEqualTo(2 * DAY);
        assertThat(edited.raceDateEpochDay()).isEqualTo((int)RACE_DATE.plusDays(7).toEpochDay());

        f.engine.advanceTo(OPENS_AT);
        assertThat(f.races.submit(f.entry(1)).code()).as("the old opening").isEqualTo(ResultCode.NOT_OPEN);
        f.engine.advanceTo(OPENS_AT + DAY);
        assertThat(f.races.submit(f.entry(1)).code()).isEqualTo(ResultCode.OK);
        f.engine.advanceTo(CLOSES_AT);
        assertThat(f.races.submit(f.entry(2)).code()).as("past the old close").isEqualTo(ResultCode.OK);
        f.engine.advanceTo(CLOSES_AT + DAY);
        f.engine.tick();
        assertThat(f.races.race(f.raceId).closed()).as("closed at the new close").isTrue();
    }

    @Test
    void anEarlierCloseClosesRegistrationThen()
    {
        edit(f.engine, new Edit(f.raceId).closes(OPENS_AT + DAY));
        f.engine.advanceTo(OPENS_AT + DAY);
        f.engine.tick();
        assertThat(f.races.race(f.raceId).closed()).isTrue();
    }

    @Test
    void theDatesCannotBeEditedOnceRegistrationHasOpened()
    {
        f.engine.advanceTo(OPENS_AT);

        assertThat(edit(f.engine, new Edit(f.raceId).closes(CLOSES_AT + DAY))).isNull();
        assertThat(f.engine.lastRejection()).isEqualTo(ResultCode.NOT_EDITABLE);
        assertThat(edit(f.engine, new Edit(f.raceId).name("New name").paymentWindow(DAY))).as("all or nothing").isNull();
        assertThat(f.engine.lastRejection()).isEqualTo(ResultCode.NOT_EDITABLE);
        assertThat(raceName(f.engine)).isEqualTo("Startline Spring Marathon");
        f.engine.tick();
        final RaceFixture twin = new RaceFixture(RaceFixture.race("Startline Spring Marathon", RACE_DATE, OPENS_AT,
            CLOSES_AT, PAYMENT_WINDOW_MS, List.of(FULL, HALF)));
        twin.engine.advanceTo(OPENS_AT);
        twin.engine.tick();
        twin.engine.tick();
        twin.engine.tick();
        assertThat(f.engine.engine().stateHash()).as("the refusals changed nothing")
            .isEqualTo(twin.engine.engine().stateHash());
    }

    @Test
    void theNameIsEditedAtAnyTimeEvenAfterTheDraw()
    {
        f.engine.advanceTo(OPENS_AT);
        f.races.submit(f.entry(1));
        f.engine.advanceTo(CLOSES_AT);
        f.engine.tick();
        assertThat(f.races.draw(f.raceId, RaceFixture.SEED).code()).isEqualTo(ResultCode.OK);
        final long before = f.engine.engine().stateHash();

        assertThat(edit(f.engine, new Edit(f.raceId).name("Startline Autumn Marathon"))).isNotNull();

        assertThat(raceName(f.engine)).isEqualTo("Startline Autumn Marathon");
        assertThat(f.engine.engine().stateHash()).isNotEqualTo(before);
    }

    @Test
    void anEditIsCheckedAsANewRaceIs()
    {
        assertThat(edit(f.engine, new Edit(f.raceId).closes(OPENS_AT))).isNull();
        assertThat(f.engine.lastRejectedField()).isEqualTo("registrationClosesAt");
        assertThat(edit(f.engine, new Edit(f.raceId).opens(CLOSES_AT))).as("past the close it keeps").isNull();
        assertThat(f.engine.lastRejectedField()).isEqualTo("registrationClosesAt");
        assertThat(edit(f.engine, new Edit(f.raceId).opens(-1))).isNull();
        assertThat(f.engine.lastRejectedField()).isEqualTo("registrationOpensAt");
        assertThat(edit(f.engine, new Edit(f.raceId).paymentWindow(Races.PAYMENT_WINDOW_MAX_MS + 1))).isNull();
        assertThat(f.engine.lastRejectedField()).isEqualTo("paymentWindowMs");
        assertThat(edit(f.engine, new Edit(f.raceId).paymentWindow(0))).isNull();
        assertThat(f.engine.lastRejectedField()).isEqualTo("paymentWindowMs");
        assertThat(edit(f.engine, new Edit(f.raceId).raceDate(LocalDate.of(10000, 1, 1)))).isNull();
        assertThat(f.engine.lastRejectedField()).isEqualTo("raceDate");
        assertThat(edit(f.engine, new Edit(f.raceId).name("x".repeat(Races.RACE_NAME_MAX_BYTES + 1)))).isNull();
        assertThat(f.engine.lastRejectedField()).isEqualTo("name");
        assertThat(edit(f.engine, new Edit(f.raceId).name("tab\tinside"))).isNull();
        assertThat(f.engine.lastRejectedField()).isEqualTo("name");
        assertThat(edit(f.engine, new Edit(f.raceId + 1).name("Elsewhere"))).isNull();
        assertThat(f.engine.lastRejection()).isEqualTo(ResultCode.RACE_NOT_FOUND);
    }

    @Test
    void aSnapshotKeepsTheEdits()
    {
        edit(f.engine, new Edit(f.raceId).name("Edited").opens(OPENS_AT + DAY).closes(CLOSES_AT + DAY));

        final EngineDriver restored = new EngineDriver(
            Snapshots.load(EngineDriver.smallContext(), Snapshots.take(f.engine.engine())));

        assertThat(restored.engine().stateHash()).isEqualTo(f.engine.engine().stateHash());
        assertThat(raceName(restored)).isEqualTo("Edited");
        restored.advanceTo(OPENS_AT);
        assertThat(new RaceDriver(restored).submit(f.entry(1)).code()).isEqualTo(ResultCode.NOT_OPEN);
    }

    // ------------------------------------------------------------------ the command

    /** An edit with every field unchanged until set. */
    static final class Edit
    {
        final long raceId;
        String name = "";
        int raceDay = EditRaceEncoder.raceDateEpochDayNullValue();
        long opensAt = EditRaceEncoder.registrationOpensAtNullValue();
        long closesAt = EditRaceEncoder.registrationClosesAtNullValue();
        long paymentWindowMs = EditRaceEncoder.paymentWindowMsNullValue();

        Edit(final long raceId)
        {
            this.raceId = raceId;
        }

        Edit name(final String value)
        {
            name = value;
            return this;
        }

        Edit raceDate(final LocalDate value)
        {
            raceDay = (int)value.toEpochDay();
            return this;
        }

        Edit opens(final long value)
        {
            opensAt = value;
            return this;
        }

        Edit closes(final long value)
        {
            closesAt = value;
            return this;
        }

        Edit paymentWindow(final long value)
        {
            paymentWindowMs = value;
            return this;
        }
    }

    /** @return the result, or null when refused ({@link EngineDriver#lastRejection()} says why). */
    static RaceEditedDecoder edit(final EngineDriver engine, final Edit edit)
    {
        final EditRaceEncoder e = new EditRaceEncoder().wrapAndApplyHeader(engine.commandBuffer(), 0,
            engine.headerEncoder())
            .raceId(edit.raceId)
            .raceDateEpochDay(edit.raceDay)
            .registrationOpensAt(edit.opensAt)
            .registrationClosesAt(edit.closesAt)
            .paymentWindowMs(edit.paymentWindowMs);
        final byte[] name = edit.name.getBytes(StandardCharsets.UTF_8);
        e.putName(name, 0, name.length);
        final DirectBuffer result = copy(engine.send(MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength()));
        if (engine.lastRejection() != ResultCode.OK)
        {
            return null;
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(result, 0);
        return new RaceEditedDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version());
    }

    /** The name of the engine's one race, as the race list gives it. */
    static String raceName(final EngineDriver engine)
    {
        new ListRacesEncoder().wrapAndApplyHeader(engine.commandBuffer(), 0, engine.headerEncoder())
            .afterPosition(0).maxRows(1);
        final DirectBuffer result = copy(engine.ask());
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(result, 0);
        return new RaceListDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version()).races().next().name();
    }

    private static DirectBuffer copy(final DirectBuffer buffer)
    {
        final byte[] bytes = new byte[buffer.capacity()];
        buffer.getBytes(0, bytes);
        return new UnsafeBuffer(bytes);
    }
}
