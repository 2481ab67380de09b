package io.startline.persistence.replication;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EpochStoreTest
{
    @TempDir
    Path dataDir;

    @Test
    void aNewNodeIsInEpochOneFromTheFirstSequence()
    {
        final EpochStore epochs = new EpochStore(dataDir);
        assertThat(epochs.epoch()).isEqualTo(1);
        assertThat(epochs.epochStartSequence()).isEqualTo(1);
        assertThat(epochs.firstSequenceAfterEpoch(1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aPromotionIsDurableAndTellsAnOlderEpochWhereItsHistoryEnds()
    {
        new EpochStore(dataDir).begin(2, 101);
        final EpochStore reloaded = new EpochStore(dataDir);
        assertThat(reloaded.epoch()).isEqualTo(2);
        assertThat(reloaded.epochStartSequence()).isEqualTo(101);
        assertThat(reloaded.firstSequenceAfterEpoch(1)).as("a node of epoch 1 keeps up to 100").isEqualTo(101);
        assertThat(reloaded.firstSequenceAfterEpoch(2)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void epochsOnlyGoForwardAndNeverStartBeforeTheCurrentOne()
    {
        final EpochStore epochs = new EpochStore(dataDir);
        epochs.begin(2, 50);
        assertThatThrownBy(() -> epochs.begin(2, 60)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> epochs.begin(3, 40)).isInstanceOf(IllegalStateException.class);
        epochs.adopt(1, 10);
        assertThat(epochs.epoch()).as("adopting an older epoch changes nothing").isEqualTo(2);
        epochs.adopt(4, 70);
        assertThat(new EpochStore(dataDir).epoch()).isEqualTo(4);
    }

    @Test
    void aDamagedEpochFileStopsStartUp() throws IOException
    {
        Files.writeString(dataDir.resolve(EpochStore.FILE_NAME), "2 100\n1 200\n");
        assertThatThrownBy(() -> new EpochStore(dataDir)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("out of order");
    }
}
