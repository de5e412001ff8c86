package dev.autonoc.tools.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementKind;
import dev.autonoc.tools.oss.Money;
import dev.autonoc.tools.oss.Note;
import dev.autonoc.tools.oss.ProductOrder;
import dev.autonoc.tools.oss.ProductOrderRequest;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceState;
import dev.autonoc.tools.oss.ResourceStatus;
import dev.autonoc.tools.oss.Ticket;
import dev.autonoc.tools.oss.TicketRequest;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.StringLength;

/** Every record the clients send or read comes back the same through its TMF JSON. */
class TmfJsonPropertiesTest {

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings()
                .withChars("abcdefghij-0123456789")
                .ofMinLength(1)
                .ofMaxLength(20);
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40).filter(s -> !s.isBlank());
    }

    @Property(tries = 200)
    void an_order_survives_its_tmf_json(
            @ForAll("ids") String part,
            @ForAll("ids") String source,
            @ForAll("ids") String site,
            @ForAll("ids") String element,
            @ForAll boolean expedite,
            @ForAll("ids") String id,
            @ForAll("text") String key) {
        var request = new ProductOrderRequest(part, source, site, element, expedite);
        var order =
                new ProductOrder(
                        id,
                        key,
                        request,
                        Instant.parse("2025-01-06T10:00:00Z"),
                        Instant.parse("2025-01-06T14:00:00Z"),
                        Money.gbp(450.5));

        assertThat(
                        ProductOrderingJson.fromOrderCreate(
                                ProductOrderingJson.toOrderCreate(request, key)))
                .isEqualTo(request);
        assertThat(ProductOrderingJson.fromOrder(reparse(ProductOrderingJson.toOrder(order))))
                .isEqualTo(order);
    }

    @Property(tries = 200)
    void a_ticket_survives_its_tmf_json(
            @ForAll("ids") String caseId,
            @ForAll("ids") String element,
            @ForAll("text") String summary,
            @ForAll("text") String noteText,
            @ForAll boolean closed) {
        var request = new TicketRequest(caseId, element, summary, "major");
        Instant at = Instant.parse("2025-01-06T10:00:00Z");
        Ticket ticket =
                Ticket.opened("tt-1", request, at)
                        .withNote(new Note("n-1", "agent", at.plusSeconds(60), noteText));
        if (closed) {
            ticket = ticket.closed("fan replaced", at.plusSeconds(120));
        }

        assertThat(TroubleTicketJson.fromTicketCreate(TroubleTicketJson.toTicketCreate(request)))
                .isEqualTo(request);
        assertThat(TroubleTicketJson.fromTicket(reparse(TroubleTicketJson.toTicket(ticket))))
                .isEqualTo(ticket);
    }

    @Property(tries = 200)
    void a_resource_and_its_state_survive_their_tmf_json(
            @ForAll("ids") String id,
            @ForAll ElementKind kind,
            @ForAll ResourceStatus status,
            @ForAll @AlphaChars @NotBlank @StringLength(max = 10) String region,
            @ForAll boolean alternate,
            @ForAll("gbps") double traffic) {
        var resource = new Resource(id, kind, "core", region, "site-01", status);
        var state = new ResourceState(resource, alternate, traffic);

        var json =
                reparse(
                        ResourceInventoryJson.toResource(
                                resource, Optional.empty(), Optional.of(state)));

        assertThat(ResourceInventoryJson.fromResource(json)).isEqualTo(resource);
        assertThat(ResourceInventoryJson.fromResourceState(json)).isEqualTo(state);
    }

    @Provide
    Arbitrary<Double> gbps() {
        return Arbitraries.doubles().between(0, 1000);
    }

    private static tools.jackson.databind.JsonNode reparse(tools.jackson.databind.JsonNode n) {
        return TmfJson.mapper().readTree(TmfJson.mapper().writeValueAsString(n));
    }
}
