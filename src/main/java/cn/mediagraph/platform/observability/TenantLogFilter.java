package cn.mediagraph.platform.observability;

import java.io.IOException;

import cn.mediagraph.platform.security.CurrentUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the signed-in caller's media center in the logging context. Runs after Spring
 * Security's filters, so the tenant is the one of a verified token, never a claim the caller
 * merely sent.
 */
class TenantLogFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String tenantId = tenantOfCaller();
		if (tenantId == null) {
			chain.doFilter(request, response);
			return;
		}
		MDC.put(LogContext.TENANT_ID, tenantId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(LogContext.TENANT_ID);
		}
	}

	private static @Nullable String tenantOfCaller() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof Jwt jwt
				? jwt.getClaimAsString(CurrentUser.TENANT_CLAIM) : null;
	}

}
