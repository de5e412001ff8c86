package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.TmfJson.array;
import static dev.autonoc.tools.http.TmfJson.characteristicValue;
import static dev.autonoc.tools.http.TmfJson.fromMoney;
import static dev.autonoc.tools.http.TmfJson.money;
import static dev.autonoc.tools.http.TmfJson.text;

import dev.autonoc.tools.oss.EnterpriseSlice;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ServiceImpact;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TMF638 ServiceInventory: the services an element carries, as an impact. Each {@code to...} method
 * builds the TMF JSON; each {@code from...} method reads it and throws {@link TmfPayloadException}
 * naming the field that was wrong.
 */
public final class ServiceInventoryJson {

    public static final String TMF638_BASE = "/tmf-api/serviceInventory/v4";

    /** The category of the one service that counts an element's consumers. */
    public static final String CONSUMER_ACCESS = "consumerAccess";

    private ServiceInventoryJson() {}

    /**
     * The services an element supports, as TMF638 lists them for {@code
     * ?supportingResource.id=<element>}: one {@value #CONSUMER_ACCESS} service that counts the
     * consumers (and says whether the element's traffic has another path), then each enterprise
     * slice with its customer as related party and its monthly fee.
     */
    public static ArrayNode toServices(ServiceImpact impact) {
        ArrayNode list = array();
        ObjectNode access = list.addObject();
        String accessId = "consumer-access-" + impact.resourceId();
        access.put("id", accessId);
        access.put("href", EnterpriseSlice.BASE_PATH + accessId);
        access.put("@type", "ConsumerAccess");
        access.put("@baseType", "Service");
        access.put("category", CONSUMER_ACCESS);
        access.put("state", "active");
        ArrayNode ch = access.putArray("serviceCharacteristic");
        ObjectNode consumers = ch.addObject();
        consumers.put("name", "consumers");
        consumers.put("valueType", "integer");
        consumers.put("value", impact.consumers());
        ObjectNode alt = ch.addObject();
        alt.put("name", "hasAlternatePath");
        alt.put("valueType", "boolean");
        alt.put("value", impact.hasAlternatePath());
        access.set("supportingResource", resourceRefs(impact.resourceId()));
        for (EnterpriseSlice slice : impact.enterpriseSlices()) {
            ObjectNode o = list.addObject();
            o.put("id", slice.id());
            o.put("href", slice.href());
            o.put("@type", slice.atType());
            o.put("@baseType", "Service");
            o.put("category", EnterpriseSlice.CATEGORY);
            o.put("state", "active");
            ObjectNode party = o.putArray("relatedParty").addObject();
            party.put("id", slice.customerId());
            party.put("role", "customer");
            party.put("@referredType", "Customer");
            ObjectNode fee = o.putArray("serviceCharacteristic").addObject();
            fee.put("name", "monthlyFee");
            fee.put("valueType", "Money");
            fee.set("value", money(slice.monthlyFee()));
            o.set("supportingResource", resourceRefs(impact.resourceId()));
        }
        return list;
    }

    static ServiceImpact fromServices(String resourceId, JsonNode list) {
        long consumers = -1;
        boolean alternate = false;
        List<EnterpriseSlice> slices = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String at = "[" + i + "]";
            String category = text(s, "category", at + ".category");
            JsonNode ch = s.path("serviceCharacteristic");
            if (CONSUMER_ACCESS.equals(category)) {
                JsonNode n = characteristicValue(ch, "consumers");
                JsonNode a = characteristicValue(ch, "hasAlternatePath");
                if (n == null || !n.isIntegralNumber() || a == null || !a.isBoolean()) {
                    throw new TmfPayloadException(
                            at + ".serviceCharacteristic",
                            "no consumers or hasAlternatePath",
                            "consumers (integer) and hasAlternatePath (boolean)");
                }
                consumers = n.asLong();
                alternate = a.asBoolean();
            } else if (EnterpriseSlice.CATEGORY.equals(category)) {
                JsonNode fee = characteristicValue(ch, "monthlyFee");
                if (fee == null) {
                    throw new TmfPayloadException(
                            at + ".serviceCharacteristic", "no monthlyFee", "monthlyFee (Money)");
                }
                slices.add(
                        new EnterpriseSlice(
                                text(s, "id", at + ".id"),
                                text(s, "href", at + ".href"),
                                text(s, "@type", at + ".@type"),
                                text(
                                        s.path("relatedParty").path(0),
                                        "id",
                                        at + ".relatedParty[0].id"),
                                fromMoney(fee, at + ".monthlyFee")));
            }
        }
        if (consumers < 0) {
            throw new TmfPayloadException(
                    "[]", "no " + CONSUMER_ACCESS + " service", "one service of that category");
        }
        return new ServiceImpact(resourceId, alternate, consumers, slices);
    }

    static ArrayNode resourceRefs(String id) {
        ArrayNode refs = array();
        ObjectNode ref = refs.addObject();
        ref.put("id", id);
        ref.put("href", Resource.BASE_PATH + id);
        ref.put("@referredType", "Resource");
        return refs;
    }
}
