package cn.mediagraph.campaign;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The scheduling rules' and the publisher's settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublisherSettings.class)
class CampaignConfiguration {

}
