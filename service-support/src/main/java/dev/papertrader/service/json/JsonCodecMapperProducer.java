package dev.papertrader.service.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.papertrader.core.json.JsonCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes Quarkus' {@link ObjectMapper} (REST bodies) follow the message conventions of {@link JsonCodec}: decimals
 * read as {@code BigDecimal} and written plain, ISO-8601 times, unknown fields ignored. REST and AMQP bodies then
 * have one JSON form.
 */
public class JsonCodecMapperProducer {

    @Produces
    @Singleton
    ObjectMapper objectMapper() {
        return JsonCodec.configure(JsonMapper.builder()).build();
    }
}
