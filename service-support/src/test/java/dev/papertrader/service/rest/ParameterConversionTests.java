package dev.papertrader.service.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParameterConversionTests {

    @Test
    void numbersConvertOnlyWhenTheyFitTheirType() {
        assertThat(ParameterConversion.converts(int.class, "12")).isTrue();
        assertThat(ParameterConversion.converts(int.class, "abc")).isFalse();
        assertThat(ParameterConversion.converts(int.class, "1.5")).isFalse();
        assertThat(ParameterConversion.converts(Integer.class, "2147483648")).isFalse();
        assertThat(ParameterConversion.converts(long.class, "9223372036854775807")).isTrue();
        assertThat(ParameterConversion.converts(long.class, "9223372036854775808")).isFalse();
        assertThat(ParameterConversion.converts(Double.class, "1e400")).isTrue(); // Infinity: for the resource to judge
        assertThat(ParameterConversion.converts(Double.class, "fast")).isFalse();
    }

    @Test
    void enumsByNameAndOtherTypesByTheirFactoryOrConstructor() {
        assertThat(ParameterConversion.converts(DayOfWeek.class, "MONDAY")).isTrue();
        assertThat(ParameterConversion.converts(DayOfWeek.class, "monday")).isFalse();
        assertThat(ParameterConversion.converts(BigDecimal.class, "1.25")).isTrue();
        assertThat(ParameterConversion.converts(BigDecimal.class, "x")).isFalse();
        assertThat(ParameterConversion.converts(Instant.class, "2013-01-02T00:00:00Z")).isTrue();
        assertThat(ParameterConversion.converts(Instant.class, "yesterday")).isFalse();
        assertThat(ParameterConversion.converts(String.class, "anything")).isTrue();
        assertThat(ParameterConversion.converts(boolean.class, "maybe")).isTrue();
    }
}
