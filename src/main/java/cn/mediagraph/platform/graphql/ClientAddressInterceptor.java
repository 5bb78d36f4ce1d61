package cn.mediagraph.platform.graphql;

import java.util.List;
import java.util.Map;

import cn.mediagraph.platform.security.ClientAddresses;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Puts the client's address into the GraphQL context ({@link ClientAddresses#CONTEXT_KEY}),
 * where sign-in reads it for throttling.
 */
@Component
class ClientAddressInterceptor implements WebGraphQlInterceptor {

	private final ClientAddresses addresses;

	ClientAddressInterceptor(ClientAddresses addresses) {
		this.addresses = addresses;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		List<String> forwardedFor = request.getHeaders().get("X-Forwarded-For");
		String address = addresses.resolve(request.getRemoteAddress(),
				forwardedFor == null || forwardedFor.isEmpty() ? null : String.join(",", forwardedFor));
		request.configureExecutionInput(
				(input, builder) -> builder.graphQLContext(Map.of(ClientAddresses.CONTEXT_KEY, address)).build());
		return chain.next(request);
	}

}
