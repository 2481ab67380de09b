package io.startline.engine.race;

import io.startline.engine.EngineContext;
import io.startline.engine.ResultWriter;
import io.startline.engine.codec.BallotDrawnEncoder;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.CloseWaitlistDecoder;
import io.startline.engine.codec.CreateGroupDecoder;
import io.startline.engine.codec.CreateRaceDecoder;
import io.startline.engine.codec.DrawBallotDecoder;
import io.startline.engine.codec.EditRaceDecoder;
import io.startline.engine.codec.EntitlementsGrantedEncoder;
import io.startline.engine.codec.EntrySubmittedEncoder;
import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.EntryWithdrawnEncoder;
import io.startline.engine.codec.GrantEntitlementsDecoder;
import io.startline.engine.codec.GroupCreatedEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.PaymentRecordedEncoder;
import io.startline.engine.codec.RaceCreatedEncoder;
import io.startline.engine.codec.RaceEditedEncoder;
import io.startline.engine.codec.RecordPaymentDecoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.SubmitEntryDecoder;
import io.startline.engine.codec.WaitlistClosedEncoder;
import io.startline.engine.codec.WithdrawEntryDecoder;
import io.startline.engine.support.Codes;
import io.startline.engine.support.Text;
import org.agrona.DirectBuffer;

/**
 * Decodes race commands, calls {@link Races}, and encodes the one result from what
 * {@link Races#result} says the command did. Decoders, encoders and scratch arrays are reused
 * fields: nothing allocates per entry.
 */
final class RaceCommands
{
    private final Races races;
    private final RaceResult result;
    private final RaceSpec spec;
    private final RaceSpecReader specReader;
    private final EntryRequest entryRequest = new EntryRequest();
    private final byte[] codeBytes = new byte[Codes.LENGTH];
    private final byte[] groupCodeBytes = new byte[Codes.LENGTH];
    private final byte[] seedBytes = new byte[Races.SEED_MAX_BYTES];
    private final EntitlementGrant grant;
    private final GroupCodes groupCodeParser = GroupCodes.parser();

    private final CreateRaceDecoder createRaceDecoder = new CreateRaceDecoder();
    private final GrantEntitlementsDecoder grantDecoder = new GrantEntitlementsDecoder();
    private final CreateGroupDecoder createGroupDecoder = new CreateGroupDecoder();
    private final SubmitEntryDecoder submitDecoder = new SubmitEntryDecoder();
    private final WithdrawEntryDecoder withdrawDecoder = new WithdrawEntryDecoder();
    private final DrawBallotDecoder drawDecoder = new DrawBallotDecoder();
    private final RecordPaymentDecoder paymentDecoder = new RecordPaymentDecoder();
    private final CloseWaitlistDecoder closeWaitlistDecoder = new CloseWaitlistDecoder();
    private final EditRaceDecoder editRaceDecoder = new EditRaceDecoder();
    private final RaceEdits.Request edit = new RaceEdits.Request();

    private final RaceCreatedEncoder raceCreatedEncoder = new RaceCreatedEncoder();
    private final EntitlementsGrantedEncoder grantedEncoder = new EntitlementsGrantedEncoder();
    private final GroupCreatedEncoder groupCreatedEncoder = new GroupCreatedEncoder();
    private final EntrySubmittedEncoder submittedEncoder = new EntrySubmittedEncoder();
    private final EntryWithdrawnEncoder withdrawnEncoder = new EntryWithdrawnEncoder();
    private final BallotDrawnEncoder drawnEncoder = new BallotDrawnEncoder();
    private final PaymentRecordedEncoder paymentEncoder = new PaymentRecordedEncoder();
    private final WaitlistClosedEncoder waitlistClosedEncoder = new WaitlistClosedEncoder();
    private final RaceEditedEncoder raceEditedEncoder = new RaceEditedEncoder();

    RaceCommands(final EngineContext context, final Races races)
    {
        this.races = races;
        result = races.result;
        spec = new RaceSpec(context);
        specReader = new RaceSpecReader(spec);
        grant = new EntitlementGrant(context.maxPersonsPerGrant());
    }

    int onCommand(
        final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset, final long nowMs,
        final ResultWriter out)
    {
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case SubmitEntryDecoder.TEMPLATE_ID:
                submitDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onSubmitEntry(nowMs, out);
            case RecordPaymentDecoder.TEMPLATE_ID:
                paymentDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onPayment(out);
            case WithdrawEntryDecoder.TEMPLATE_ID:
                withdrawDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onWithdraw(nowMs, out);
            case CreateGroupDecoder.TEMPLATE_ID:
                createGroupDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onCreateGroup(nowMs, out);
            case GrantEntitlementsDecoder.TEMPLATE_ID:
                grantDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onGrant(out);
            case DrawBallotDecoder.TEMPLATE_ID:
                drawDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onDraw(nowMs, out);
            case CloseWaitlistDecoder.TEMPLATE_ID:
                closeWaitlistDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onCloseWaitlist(out);
            case CreateRaceDecoder.TEMPLATE_ID:
                createRaceDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onCreateRace(out);
            case EditRaceDecoder.TEMPLATE_ID:
                editRaceDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onEditRace(nowMs, out);
            default:
                return out.rejected(ResultCode.UNKNOWN_COMMAND, header.templateId(), "");
        }
    }

    private int onCreateRace(final ResultWriter out)
    {
        final String refusedField = specReader.read(createRaceDecoder);
        if (refusedField != null)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, 0, refusedField);
        }
        final ResultCode code = races.createRace(spec);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        raceCreatedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(races.raceTable.raceId[result.race]);
        return MessageHeaderEncoder.ENCODED_LENGTH + raceCreatedEncoder.encodedLength();
    }

    /** A null field or an empty name is unchanged; a name given is checked as a new race's is. */
    private int onEditRace(final long nowMs, final ResultWriter out)
    {
        final EditRaceDecoder d = editRaceDecoder;
        edit.raceId = d.raceId();
        edit.raceDateEpochDay = d.raceDateEpochDay() == EditRaceDecoder.raceDateEpochDayNullValue() ?
            RaceEdits.Request.UNCHANGED_DAY : d.raceDateEpochDay();
        edit.registrationOpensAt = d.registrationOpensAt();
        edit.registrationClosesAt = d.registrationClosesAt();
        edit.paymentWindowMs = d.paymentWindowMs();
        final int nameLength = d.nameLength();
        if (nameLength > edit.name.length || nameLength > 0 &&
            !Text.isPrintableUtf8(d.buffer(), d.limit() + EditRaceDecoder.nameHeaderLength(), nameLength))
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, edit.raceId, "name");
        }
        edit.nameLength = d.getName(edit.name, 0, nameLength);
        final ResultCode code = races.editRace(edit, nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        final RaceTable t = races.raceTable;
        final int r = result.race;
        raceEditedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(t.raceId[r])
            .raceDateEpochDay(t.raceDateEpochDay[r])
            .registrationOpensAt(t.opensAt[r])
            .registrationClosesAt(t.closesAt[r])
            .paymentWindowMs(t.paymentWindowMs[r])
            .putName(t.raceName[r], 0, t.raceName[r].length);
        return MessageHeaderEncoder.ENCODED_LENGTH + raceEditedEncoder.encodedLength();
    }

    private int onGrant(final ResultWriter out)
    {
        final GrantEntitlementsDecoder decoder = grantDecoder;
        decoder.getPoolCode(codeBytes, 0);
        final boolean hasPool = !Codes.isBlank(codeBytes);
        if (hasPool && !Codes.isValid(codeBytes))
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, decoder.raceId(), "pool");
        }
        final long raceId = decoder.raceId();
        grant.raceId = raceId;
        grant.poolCode0 = hasPool ? Codes.word0(codeBytes) : 0;
        grant.poolCode1 = hasPool ? Codes.word1(codeBytes) : 0;
        grant.weight = decoder.weight();
        final GrantEntitlementsDecoder.PersonsDecoder persons = decoder.persons();
        if (persons.count() > grant.personKeys0.length)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, raceId, "personIds");
        }
        int n = 0;
        for (final GrantEntitlementsDecoder.PersonsDecoder person : persons)
        {
            grant.personKeys0[n] = person.personKey0();
            grant.personKeys1[n] = person.personKey1();
            n++;
        }
        grant.persons = n;
        final ResultCode code = races.grantEntitlements(grant);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        grantedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(raceId)
            .persons(result.grantedPersons);
        return MessageHeaderEncoder.ENCODED_LENGTH + grantedEncoder.encodedLength();
    }

    private int onCreateGroup(final long nowMs, final ResultWriter out)
    {
        final CreateGroupDecoder decoder = createGroupDecoder;
        decoder.getCategoryCode(codeBytes, 0);
        if (!Codes.isValid(codeBytes))
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, decoder.raceId(), "categoryCode");
        }
        final ResultCode code = races.createGroup(
            decoder.raceId(), decoder.userId(), Codes.word0(codeBytes), Codes.word1(codeBytes), nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        GroupCodes.format(races.groupCodeOf(result.group), groupCodeBytes);
        groupCreatedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(decoder.raceId())
            .putGroupCode(groupCodeBytes, 0);
        return MessageHeaderEncoder.ENCODED_LENGTH + groupCreatedEncoder.encodedLength();
    }

    private int onSubmitEntry(final long nowMs, final ResultWriter out)
    {
        final SubmitEntryDecoder decoder = submitDecoder;
        decoder.getCategoryCode(codeBytes, 0);
        if (!Codes.isValid(codeBytes))
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, decoder.raceId(), "categoryCode");
        }
        readEntryRequest(decoder);
        final ResultCode code = races.submitEntry(entryRequest, nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        final int e = result.entry;
        final EntryTable t = races.entries;
        final boolean won = t.status[e] == EntryStatus.WON.value();
        submittedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .entryId(e + 1L)
            .status(EntryStatus.get(t.status[e]))
            .paymentDueAt(won ? t.paymentDueAt[e] : EntrySubmittedEncoder.paymentDueAtNullValue())
            .waitlistPosition(t.status[e] == EntryStatus.WAITLISTED.value() ? t.waitlistPosition[e] : 0);
        return MessageHeaderEncoder.ENCODED_LENGTH + submittedEncoder.encodedLength();
    }

    /** Fills the entry request from the flyweight, whose category code is already in codeBytes. */
    private void readEntryRequest(final SubmitEntryDecoder decoder)
    {
        final EntryRequest request = entryRequest;
        decoder.getGroupCode(groupCodeBytes, 0);
        request.groupGiven = !Codes.isBlank(groupCodeBytes);
        request.groupCodeValid = !request.groupGiven || groupCodeParser.parse(groupCodeBytes);
        request.groupCode = request.groupCodeValid && request.groupGiven ? groupCodeParser.value() : 0;

        final DirectBuffer buffer = decoder.buffer();
        final int nameOffset = decoder.limit() + SubmitEntryDecoder.nameHeaderLength();
        request.nameLength = decoder.nameLength();
        request.nameValid = request.nameLength <= Races.PERSON_NAME_MAX_BYTES &&
            Text.isPrintableUtf8(buffer, nameOffset, request.nameLength);
        decoder.skipName();
        final int phoneOffset = decoder.limit() + SubmitEntryDecoder.phoneHeaderLength();
        request.phoneLength = decoder.phoneLength();
        request.phoneValid = request.phoneLength <= Races.PHONE_MAX_LENGTH &&
            Text.isPhone(buffer, phoneOffset, request.phoneLength);
        decoder.skipPhone();

        request.raceId = decoder.raceId();
        request.userId = decoder.userId();
        request.categoryCode0 = Codes.word0(codeBytes);
        request.categoryCode1 = Codes.word1(codeBytes);
        request.personKey0 = decoder.personKey0();
        request.personKey1 = decoder.personKey1();
        request.gender = (byte)decoder.genderRaw();
        request.birthEpochDay = decoder.birthEpochDay();
    }

    private int onWithdraw(final long nowMs, final ResultWriter out)
    {
        final ResultCode code = races.withdraw(withdrawDecoder.raceId(), withdrawDecoder.userId(), nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        withdrawnEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .entryId(result.entry + 1L)
            .promotedEntries(result.promotedEntries);
        return MessageHeaderEncoder.ENCODED_LENGTH + withdrawnEncoder.encodedLength();
    }

    private int onDraw(final long nowMs, final ResultWriter out)
    {
        final DrawBallotDecoder decoder = drawDecoder;
        final long raceId = decoder.raceId();
        final int seedLength = decoder.seedLength();
        if (seedLength > seedBytes.length)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, raceId, "seed");
        }
        decoder.getSeed(seedBytes, 0, seedLength);
        final ResultCode code = races.draw(raceId, seedBytes, seedLength, nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        final int r = races.raceIndexOf(raceId);
        drawnEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(raceId)
            .winners(result.drawWinners)
            .waitlisted(result.drawWaitlisted)
            .putEntryListHash(races.raceTable.entryListHash, r * EntryListHash.LENGTH, EntryListHash.LENGTH);
        return MessageHeaderEncoder.ENCODED_LENGTH + drawnEncoder.encodedLength();
    }

    private int onPayment(final ResultWriter out)
    {
        final RecordPaymentDecoder decoder = paymentDecoder;
        final long entryId = decoder.entryId();
        final ResultCode code = races.recordPayment(decoder.raceId(), entryId, decoder.paymentRefLength());
        decoder.skipPaymentRef();
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        paymentEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .entryId(entryId)
            .bib(races.entries.bib[result.entry])
            .replayed(result.paymentReplayed ? BooleanType.TRUE : BooleanType.FALSE);
        return MessageHeaderEncoder.ENCODED_LENGTH + paymentEncoder.encodedLength();
    }

    private int onCloseWaitlist(final ResultWriter out)
    {
        final long raceId = closeWaitlistDecoder.raceId();
        final ResultCode code = races.closeWaitlist(raceId);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        waitlistClosedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(raceId)
            .notSelected(result.notSelected);
        return MessageHeaderEncoder.ENCODED_LENGTH + waitlistClosedEncoder.encodedLength();
    }

    private int rejected(final ResultCode code, final ResultWriter out)
    {
        return out.rejected(code, result.rejectedSubjectId, result.rejectedField);
    }
}
