package cn.mediagraph.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The answer to a bearer token that is malformed, forged, expired or from another issuer: 401
 * with a plain {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750) and a GraphQL
 * response body that front ends already know how to read. Spring Security's default would put
 * the token decoder's exception text in the header, naming the library and what it disliked;
 * a caller learns here only that the token is not accepted.
 */
class InvalidTokenEntryPoint implements AuthenticationEntryPoint {

	static final String CHALLENGE = "Bearer error=\"invalid_token\", error_description=\"The token is not valid\"";

	static final String MESSAGE = "The bearer token is not valid: sign in again, or send no Authorization header to call anonymously";

	private static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");

	private static final byte[] BODY = ("{\"errors\":[{\"message\":\"" + MESSAGE
			+ "\",\"extensions\":{\"classification\":\"UNAUTHORIZED\"}}]}").getBytes(StandardCharsets.UTF_8);

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		response.setContentType(contentType(request.getHeader(HttpHeaders.ACCEPT)));
		response.setContentLength(BODY.length);
		response.getOutputStream().write(BODY);
	}

	/** GraphQL over HTTP's own media type when the caller accepts it, else plain JSON. */
	private static String contentType(String accept) {
		boolean graphQlResponse = accept != null && accept.contains(GRAPHQL_RESPONSE.toString());
		return (graphQlResponse ? GRAPHQL_RESPONSE : MediaType.APPLICATION_JSON) + ";charset=UTF-8";
	}

}
