package cn.mediagraph.platform.mongo;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/**
 * The mapper's custom conversions: those of every {@link StoreConversions} bean. Boot's own
 * {@code MongoCustomConversions} backs off for this one; it only applied the
 * {@code spring.data.mongodb.representation} settings, which this app leaves unset.
 */
@Configuration(proxyBeanMethods = false)
class StoreConversionsConfiguration {

	@Bean
	MongoCustomConversions mongoCustomConversions(ObjectProvider<StoreConversions> features) {
		List<?> converters = features.orderedStream().flatMap(feature -> feature.converters().stream()).toList();
		return MongoCustomConversions.create(adapter -> adapter.registerConverters(converters));
	}

}
