package cn.mediagraph.platform.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The newsroom page ({@code frontend-stub/}, packaged under {@code static/app}) answers at {@code /app/}. */
@Configuration(proxyBeanMethods = false)
class FrontEndConfiguration implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/app", "/app/");
		registry.addViewController("/app/").setViewName("forward:/app/index.html");
	}

}
