package io.startline.bench.load;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnswersTest
{
    @Test
    void aSuccessIsCountedByItsStatusAlone()
    {
        assertThat(Answers.outcome(201, bytes("{\"voucherId\":1}"))).isEqualTo("201");
        assertThat(Answers.outcome(200, null)).isEqualTo("200");
    }

    @Test
    void aRefusalIsCountedByItsStatusAndApiErrorCode()
    {
        assertThat(Answers.outcome(409, bytes("{\"error\":{\"code\":\"SOLD_OUT\",\"message\":\"drop 7 has no vouchers " +
            "left\",\"field\":null}}"))).isEqualTo("409 SOLD_OUT");
        assertThat(Answers.outcome(429, bytes("{\"error\":{\"code\":\"RATE_LIMITED\"}}"))).isEqualTo("429 RATE_LIMITED");
    }

    @Test
    void anErrorWithoutTheApiErrorShapeIsCountedByItsStatus()
    {
        assertThat(Answers.outcome(503, new byte[0])).isEqualTo("503");
        assertThat(Answers.outcome(502, bytes("<html>bad gateway</html>"))).isEqualTo("502");
        assertThat(Answers.outcome(500, bytes("{\"error\":{\"code\":42}}"))).isEqualTo("500");
    }

    @Test
    void readsJsonAndRefusesWhatIsNot()
    {
        assertThat(Answers.json(bytes("{\"holdId\":12}")).path("holdId").asLong()).isEqualTo(12);
        assertThatThrownBy(() -> Answers.json(bytes("{not json"))).hasMessageContaining("not JSON");
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
