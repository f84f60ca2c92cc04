package io.auditcover.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiTest {
    @TempDir
    Path directory;

    @Test
    void the_served_document_is_valid_openapi_3_1_and_describes_every_registered_route() {
        try (var service = new ServiceFixture(directory)) {
            var answer = service.get("/openapi.json", null);
            assertThat(answer.status()).isEqualTo(200);
            var options = new ParseOptions();
            options.setResolve(true);
            var result = new OpenAPIV3Parser().readContents(answer.body().toString(), null, options);
            assertThat(result.getMessages()).isEmpty();
            var api = result.getOpenAPI();
            assertThat(api.getOpenapi()).isEqualTo("3.1.0");
            var httpMethods = java.util.Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
            var registered = service.server.registeredRoutes().stream()
                    .filter(route -> httpMethods.contains(route.substring(0, route.indexOf(' ')))).toList();
            assertThat(registered).hasSize(service.server.routes().size());
            for (String route : registered) {
                String method = route.substring(0, route.indexOf(' '));
                String path = route.substring(route.indexOf(' ') + 1);
                var item = api.getPaths().get(path);
                assertThat(item).as("path " + path).isNotNull();
                var operation = item.readOperationsMap().get(io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
                assertThat(operation).as(route).isNotNull();
                assertThat(operation.getResponses()).containsKey("default");
            }
            assertThat(api.getPaths()).hasSize((int) registered.stream().map(r -> r.substring(r.indexOf(' ') + 1)).distinct().count());
        }
    }
}
