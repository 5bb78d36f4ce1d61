package cn.mediagraph;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * MediaGraph: one GraphQL graph over the stories, channels, campaigns and reach of county
 * integrated-media centers.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MediaGraphApplication {

	public static void main(String[] args) {
		SpringApplication.run(MediaGraphApplication.class, args);
	}

}
