package cn.mediagraph.platform.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The newsroom front end ({@code frontend-stub/}, built by Maven into {@code static/}) answers at
 * {@code /}. Its pages have addresses of their own ({@code /stories/…}, {@code /review} …): a
 * deep link or a reload there is answered with the same {@code index.html}, whose script shows
 * the page. Only these prefixes are, so {@code /graphql}, {@code /graphiql}, {@code /actuator},
 * {@code /import} and {@code /ingest} keep their own answers and an unknown path stays a 404.
 * The old address {@code /app/} leads to {@code /}.
 */
@Configuration(proxyBeanMethods = false)
class FrontEndConfiguration implements WebMvcConfigurer {

	/** The front end's own pages, as the router in {@code frontend-stub/src/main.js} knows them. */
	static final String[] PAGES = { "/stories", "/stories/**", "/review", "/admin", "/campaigns", "/campaigns/**",
			"/analytics", "/analytics/**" };

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/app", "/");
		registry.addRedirectViewController("/app/", "/");
		for (String page : PAGES) {
			registry.addViewController(page).setViewName("forward:/index.html");
		}
	}

}
