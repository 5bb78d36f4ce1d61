package cn.mediagraph.platform.mongo;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The REST endpoints' writes (an import, an ingest) are durable before their answer is written:
 * what a client was told was stored survives a kill that follows. It runs when a body is
 * written: an endpoint that writes and answers without one must call {@link StoreDurability} itself.
 */
@ControllerAdvice
class DurableAnswers implements ResponseBodyAdvice<Object> {

	private final StoreDurability durability;

	DurableAnswers(StoreDurability durability) {
		this.durability = durability;
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		durability.flush();
		return body;
	}

}
