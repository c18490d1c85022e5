package com.caddyshop.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.accounts.AuthResource;
import com.caddyshop.accounts.EmailVerification;
import com.caddyshop.accounts.LoginRequest;
import com.caddyshop.accounts.LogoutRequest;
import com.caddyshop.accounts.PasswordChange;
import com.caddyshop.accounts.PasswordResetConfirmation;
import com.caddyshop.accounts.PasswordResetRequest;
import com.caddyshop.accounts.ProfileUpdate;
import com.caddyshop.accounts.ProfileView;
import com.caddyshop.accounts.RefreshRequest;
import com.caddyshop.accounts.RegisterRequest;
import com.caddyshop.accounts.Role;
import com.caddyshop.accounts.TokenResponse;
import com.caddyshop.accounts.UserView;
import com.caddyshop.accounts.admin.AdminUserView;
import com.caddyshop.accounts.admin.AuditEntry;
import com.caddyshop.accounts.admin.AuditPage;
import com.caddyshop.accounts.admin.RoleChange;
import com.caddyshop.accounts.admin.StatusChange;
import com.caddyshop.accounts.admin.UserPage;
import com.caddyshop.cart.CartLineView;
import com.caddyshop.cart.CartView;
import com.caddyshop.cart.SetQuantityRequest;
import com.caddyshop.cart.StockLimit;
import com.caddyshop.catalog.CategoryResource;
import com.caddyshop.catalog.CategoryView;
import com.caddyshop.catalog.ProductInput;
import com.caddyshop.catalog.ProductPage;
import com.caddyshop.catalog.ProductSort;
import com.caddyshop.catalog.ProductView;
import com.caddyshop.catalog.StockAdjusted;
import com.caddyshop.catalog.StockAdjustmentRequest;
import com.caddyshop.catalog.StockMovement;
import com.caddyshop.catalog.StockMovementKind;
import com.caddyshop.catalog.StockMovementPage;
import com.caddyshop.catalog.StockOutOfRange;
import com.caddyshop.orders.CheckoutRequest;
import com.caddyshop.orders.IllegalTransition;
import com.caddyshop.orders.OrderItemView;
import com.caddyshop.orders.OrderPage;
import com.caddyshop.orders.OrderRefund;
import com.caddyshop.orders.OrderStatus;
import com.caddyshop.orders.OrderSummary;
import com.caddyshop.orders.OrderView;
import com.caddyshop.orders.PendingUnitsLimit;
import com.caddyshop.orders.ShortProduct;
import com.caddyshop.orders.StatusChangeRequest;
import com.caddyshop.orders.TotalMismatch;
import com.caddyshop.platform.db.DatabasePoolFigures;
import com.caddyshop.platform.errors.ApiError;
import com.caddyshop.platform.errors.FieldProblem;
import com.caddyshop.platform.health.HealthResource;
import com.caddyshop.platform.health.HealthService;
import com.caddyshop.platform.redis.RedisPoolFigures;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.dropwizard.jackson.Jackson;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The document on its own: structurally OpenAPI 3.0, every reference resolves, and every schema
 * names the same fields (and enum values) as the Java type it describes, so a field added to a
 * record without documenting it fails here.
 */
class OpenApiDocumentTest {
    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    /** Schemas that describe a Java record or enum, by schema name. */
    private static final Map<String, Class<?>> JAVA_TYPES = Map.ofEntries(
            Map.entry("ApiError", ApiError.class),
            Map.entry("FieldProblem", FieldProblem.class),
            Map.entry("StockLimit", StockLimit.class),
            Map.entry("ShortProduct", ShortProduct.class),
            Map.entry("TotalMismatch", TotalMismatch.class),
            Map.entry("EmailNotVerified", com.caddyshop.accounts.VerifiedEmailRequirement.Unverified.class),
            Map.entry("IllegalTransition", IllegalTransition.class),
            Map.entry("PendingUnitsLimit", PendingUnitsLimit.class),
            Map.entry("StockOutOfRange", StockOutOfRange.class),
            Map.entry("StockMovementKind", StockMovementKind.class),
            Map.entry("StockMovement", StockMovement.class),
            Map.entry("StockMovementPage", StockMovementPage.class),
            Map.entry("StockAdjustmentRequest", StockAdjustmentRequest.class),
            Map.entry("StockAdjusted", StockAdjusted.class),
            Map.entry("OrderRefund", OrderRefund.class),
            Map.entry("RefundSource", com.caddyshop.orders.RefundSource.class),
            Map.entry("RefundRequest", com.caddyshop.orders.RefundRequest.class),
            Map.entry("ShipmentRequest", com.caddyshop.orders.ShipmentRequest.class),
            Map.entry("FulfilmentView", com.caddyshop.orders.FulfilmentView.class),
            Map.entry("AdminOrderPage", com.caddyshop.orders.AdminOrderPage.class),
            Map.entry("OrderPayment", com.caddyshop.orders.OrderPayment.class),
            Map.entry("PaymentStatus", com.caddyshop.orders.PaymentStatus.class),
            Map.entry("PostalAddress", com.caddyshop.addresses.PostalAddress.class),
            Map.entry("AddressEntry", com.caddyshop.addresses.AddressEntry.class),
            Map.entry("AddressBookPage", com.caddyshop.addresses.AddressBookPage.class),
            Map.entry("WebhookReceipt", com.caddyshop.payments.WebhookReceipt.class),
            Map.entry("PaymentEvent", com.caddyshop.payments.PaymentEvent.class),
            Map.entry("Role", Role.class),
            Map.entry("RegisterRequest", RegisterRequest.class),
            Map.entry("LoginRequest", LoginRequest.class),
            Map.entry("RefreshRequest", RefreshRequest.class),
            Map.entry("LogoutRequest", LogoutRequest.class),
            Map.entry("TokenResponse", TokenResponse.class),
            Map.entry("ProfileView", ProfileView.class),
            Map.entry("ProfileUpdate", ProfileUpdate.class),
            Map.entry("UserView", UserView.class),
            Map.entry("CategoryView", CategoryView.class),
            Map.entry("Categories", CategoryResource.Categories.class),
            Map.entry("ProductView", ProductView.class),
            Map.entry("ProductPageLinks", ProductPage.Links.class),
            Map.entry("ProductPage", ProductPage.class),
            Map.entry("ProductInput", ProductInput.class),
            Map.entry("CartLineView", CartLineView.class),
            Map.entry("CartView", CartView.class),
            Map.entry("SetQuantityRequest", SetQuantityRequest.class),
            Map.entry("OrderStatus", OrderStatus.class),
            Map.entry("CheckoutRequest", CheckoutRequest.class),
            Map.entry("OrderItemView", OrderItemView.class),
            Map.entry("OrderView", OrderView.class),
            Map.entry("OrderSummary", OrderSummary.class),
            Map.entry("OrderPage", OrderPage.class),
            Map.entry("StatusChangeRequest", StatusChangeRequest.class),
            Map.entry("HealthStatus", HealthService.Status.class),
            Map.entry("HealthSummary", HealthResource.Summary.class),
            Map.entry("CheckReport", HealthService.CheckReport.class),
            Map.entry("DatabasePoolFigures", DatabasePoolFigures.class),
            Map.entry("RedisPoolFigures", RedisPoolFigures.class),
            Map.entry("PoolsReport", HealthService.PoolsReport.class),
            Map.entry("StatusReport", HealthService.StatusReport.class),
            Map.entry("PasswordChange", PasswordChange.class),
            Map.entry("PasswordResetRequest", PasswordResetRequest.class),
            Map.entry("PasswordResetConfirmation", PasswordResetConfirmation.class),
            Map.entry("Accepted", AuthResource.Accepted.class),
            Map.entry("EmailVerification", EmailVerification.class),
            Map.entry("AdminUserView", AdminUserView.class),
            Map.entry("UserPage", UserPage.class),
            Map.entry("StatusChange", StatusChange.class),
            Map.entry("RoleChange", RoleChange.class),
            Map.entry("AuditEntry", AuditEntry.class),
            Map.entry("AuditPage", AuditPage.class));
    /** Schemas with no Java type of their own: a multipart form, and this document. */
    private static final Set<String> NOT_JAVA_TYPES = Set.of("ImageUpload", "OpenApiDocument", "AccountStatus");
    /** Records clients send: fields Bean Validation requires must be listed as required, and only those. */
    private static final Set<String> REQUESTS = Set.of("RegisterRequest", "LoginRequest", "RefreshRequest",
            "LogoutRequest", "ProfileUpdate", "ProductInput", "SetQuantityRequest", "CheckoutRequest", "StatusChangeRequest",
            "StockAdjustmentRequest", "PasswordChange", "StatusChange", "RoleChange", "PasswordResetRequest",
            "PasswordResetConfirmation", "EmailVerification");

    private final OpenApiDocument document = OpenApiDocument.fromSource(JSON);
    private final JsonNode root = document.root();

    @Test
    void isStructurallyOpenApi3() {
        assertThat(root.path("openapi").asText()).isEqualTo("3.0.3");
        assertThat(root.at("/info/title").asText()).isNotBlank();
        assertThat(root.at("/info/version").asText()).as("filled in by the build").isEqualTo("${project.version}");
        assertThat(root.at("/servers/0/url").asText()).isEqualTo("/");
        assertThat(root.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
        assertThat(root.at("/components/securitySchemes/bearerAuth/bearerFormat").asText()).isEqualTo("JWT");
        assertThat(root.path("paths").isObject() && !root.path("paths").isEmpty()).isTrue();
        Set<String> operationIds = new HashSet<>();
        for (OpenApiDocument.Operation operation : document.operations()) {
            String name = operation.key();
            assertThat(operation.path()).as(name).startsWith("/");
            assertThat(operationIds.add(operation.node().path("operationId").asText())).as(name + " unique operationId").isTrue();
            assertThat(operation.node().path("summary").asText()).as(name + " summary").isNotBlank();
            assertThat(operation.node().path("security").isArray()).as(name + " says whether it is public ([]) or not").isTrue();
            JsonNode responses = operation.node().path("responses");
            assertThat(responses.isObject() && !responses.isEmpty()).as(name + " responses").isTrue();
            responses.properties().forEach(response -> {
                assertThat(response.getKey()).as(name).matches("default|[1-5][0-9][0-9]");
                assertThat(document.resolve(response.getValue()).path("description").isTextual())
                        .as(name + " " + response.getKey() + " description").isTrue();
                // Health checks answer 503 with their own report, which says what is down.
                if (response.getKey().matches("[45].*|default") && !operation.path().startsWith("/health")) {
                    assertThat(document.resolve(response.getValue()).at("/content/application~1json/schema/$ref").asText())
                            .as(name + " " + response.getKey() + " is an ApiError").isEqualTo("#/components/schemas/ApiError");
                }
            });
            for (JsonNode parameter : document.parameters(operation)) {
                assertThat(parameter.path("in").asText()).as(name).isIn("path", "query", "header", "cookie");
                assertThat(parameter.has("schema")).as(name + " parameter schema").isTrue();
            }
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(root, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/components/");
            assertThat(document.target(ref).isMissingNode()).as(ref + " resolves").isFalse();
        }
    }

    @Test
    void everySchemaIsUsedAndDescribesAKnownType() {
        List<String> refs = new ArrayList<>();
        collectRefs(root, refs);
        Set<String> schemas = fieldNames(root.at("/components/schemas"));
        for (String schema : schemas) {
            assertThat(refs).as("something refers to schema " + schema).contains("#/components/schemas/" + schema);
            assertThat(JAVA_TYPES.containsKey(schema) || NOT_JAVA_TYPES.contains(schema))
                    .as(schema + " is mapped to its Java type in this test").isTrue();
        }
        assertThat(schemas).containsAll(JAVA_TYPES.keySet());
        for (String kind : List.of("parameters", "responses", "headers")) {
            for (String name : fieldNames(root.path("components").path(kind))) {
                assertThat(refs).as("something refers to " + kind + " " + name).contains("#/components/" + kind + "/" + name);
            }
        }
    }

    @Test
    void schemasNameTheFieldsJacksonReadsAndWrites() {
        JAVA_TYPES.forEach((name, type) -> {
            JsonNode schema = root.at("/components/schemas/" + name);
            if (type.isEnum()) {
                Set<String> constants = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(values(schema.path("enum"))).as(name + " enum").isEqualTo(constants);
                return;
            }
            BeanDescription bean = JSON.getSerializationConfig().introspect(JSON.constructType(type));
            Set<String> jsonFields = bean.findProperties().stream().filter(BeanPropertyDefinition::couldSerialize)
                    .map(BeanPropertyDefinition::getName).collect(Collectors.toCollection(TreeSet::new));
            assertThat(fieldNames(schema.path("properties"))).as(name + " properties").isEqualTo(jsonFields);
            Set<String> required = values(schema.path("required"));
            assertThat(jsonFields).as(name + " required fields exist").containsAll(required);
            if (REQUESTS.contains(name)) {
                assertThat(required).as(name + " required = Bean Validation's non-null fields").isEqualTo(nonNull(type));
            }
        });
    }

    @Test
    void sortParameterListsEveryProductSort() {
        JsonNode sort = null;
        for (JsonNode parameter : root.at("/paths/~1api~1products/get/parameters")) {
            if (parameter.path("name").asText().equals("sort")) {
                sort = parameter;
            }
        }
        assertThat(sort).isNotNull();
        assertThat(values(sort.at("/schema/enum"))).isEqualTo(Arrays.stream(ProductSort.values())
                .map(ProductSort::parameter).collect(Collectors.toCollection(TreeSet::new)));
        assertThat(sort.at("/schema/default").asText()).isEqualTo(ProductSort.DEFAULT.parameter());
    }

    private static Set<String> nonNull(Class<?> record) {
        Set<String> names = new TreeSet<>();
        // Constraint annotations on a record component land on its field (their targets exclude RECORD_COMPONENT).
        for (RecordComponent component : record.getRecordComponents()) {
            Field field;
            try {
                field = record.getDeclaredField(component.getName());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("a record has a field per component", e);
            }
            if (field.isAnnotationPresent(NotNull.class) || field.isAnnotationPresent(NotBlank.class)
                    || field.isAnnotationPresent(NotEmpty.class)) {
                names.add(component.getName());
            }
        }
        return names;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
