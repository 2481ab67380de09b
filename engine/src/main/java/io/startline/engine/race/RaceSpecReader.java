package io.startline.engine.race;

import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.CreateRaceDecoder;
import io.startline.engine.support.Codes;
import io.startline.engine.support.Text;

/**
 * Fills the reused {@link RaceSpec} from a {@code CreateRace} flyweight, in the order the message
 * is laid out, refusing what cannot be put in the spec at all: a count beyond its arrays, a code
 * that is not a code, a name that is not text. {@link Races#createRace} checks the rest.
 */
final class RaceSpecReader
{
    private final RaceSpec spec;
    private final byte[] codeBytes = new byte[Codes.LENGTH];

    RaceSpecReader(final RaceSpec spec)
    {
        this.spec = spec;
    }

    /**
     * @return null when the spec is filled, else the field refused as INVALID_ARGUMENT.
     */
    String read(final CreateRaceDecoder decoder)
    {
        spec.requestedRaceId = decoder.requestedRaceId();
        spec.raceDateEpochDay = decoder.raceDateEpochDay();
        spec.mode = (byte)decoder.modeRaw();
        spec.registrationOpensAt = decoder.registrationOpensAt();
        spec.registrationClosesAt = decoder.registrationClosesAt();
        spec.paymentWindowMs = decoder.paymentWindowMs();
        spec.maxGroupSize = decoder.maxGroupSize();

        final CreateRaceDecoder.CategoriesDecoder categories = decoder.categories();
        if (categories.count() > spec.capacity.length)
        {
            return "categories";
        }
        spec.categoryCount = categories.count();
        spec.poolRows = 0;
        int k = 0;
        for (final CreateRaceDecoder.CategoriesDecoder category : categories)
        {
            final String refused = readCategory(category, k++);
            if (refused != null)
            {
                return refused;
            }
        }
        final int nameLength = decoder.nameLength();
        if (nameLength > spec.name.length ||
            !Text.isPrintableUtf8(decoder.buffer(), decoder.limit() + CreateRaceDecoder.nameHeaderLength(), nameLength))
        {
            return "name";
        }
        spec.nameLength = decoder.getName(spec.name, 0, nameLength);
        return null;
    }

    private String readCategory(final CreateRaceDecoder.CategoriesDecoder category, final int k)
    {
        category.getCode(codeBytes, 0);
        if (!Codes.isValid(codeBytes))
        {
            return "categories.code";
        }
        spec.categoryCode0[k] = Codes.word0(codeBytes);
        spec.categoryCode1[k] = Codes.word1(codeBytes);
        spec.capacity[k] = category.capacity();
        spec.feeFen[k] = category.feeFen();
        spec.minAge[k] = category.minAge();
        spec.maxAge[k] = category.maxAge();
        spec.bibFrom[k] = category.bibFrom();
        final CreateRaceDecoder.CategoriesDecoder.PoolsDecoder pools = category.pools();
        if (spec.poolRows + pools.count() > spec.poolPlaces.length)
        {
            return "categories.pools";
        }
        spec.poolStart[k] = spec.poolRows;
        spec.poolCount[k] = pools.count();
        for (final CreateRaceDecoder.CategoriesDecoder.PoolsDecoder pool : pools)
        {
            pool.getCode(codeBytes, 0);
            if (!Codes.isValid(codeBytes) || PoolCodes.isReserved(codeBytes))
            {
                return "categories.pools.code";
            }
            final int row = spec.poolRows++;
            spec.poolCode0[row] = Codes.word0(codeBytes);
            spec.poolCode1[row] = Codes.word1(codeBytes);
            spec.poolPlaces[row] = pool.places();
            spec.poolGuaranteed[row] = pool.guaranteedRaw() == BooleanType.TRUE.value();
            if (pool.guaranteedRaw() > 1)
            {
                return "categories.pools.guaranteed";
            }
        }
        return null;
    }
}
