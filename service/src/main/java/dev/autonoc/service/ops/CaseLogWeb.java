package dev.autonoc.service.ops;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The case id in the MDC for API requests about a case ({@link CaseLogContext}). */
@Configuration(proxyBeanMethods = false)
class CaseLogWeb implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new CaseLogContext()).addPathPatterns("/api/cases/**");
    }
}
