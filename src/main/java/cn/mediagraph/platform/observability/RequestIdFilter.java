package cn.mediagraph.platform.observability;

import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is short and made of
 * safe characters (so it cannot forge log lines or carry markup), else a new random one. The
 * id is echoed in the response and is in the logging context while the request is handled.
 * Runs before everything else, so even a refused token is answered with the id.
 */
class RequestIdFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";

	static final int MAX_LENGTH = 64;

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = accepted(request.getHeader(HEADER));
		response.setHeader(HEADER, id);
		MDC.put(LogContext.REQUEST_ID, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(LogContext.REQUEST_ID);
		}
	}

	static String accepted(@Nullable String offered) {
		return offered != null && SAFE.matcher(offered).matches() ? offered : newId();
	}

	/** 128 random bits in hex: unique enough to find one request, and no lock to take. */
	static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		HexFormat hex = HexFormat.of();
		return hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
	}

}
