package dev.autonoc.service.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller whose endpoints refuse a query parameter they do not read: a misspelt filter ({@code
 * ?cas=case-1}) would otherwise be ignored and answer with everything, as if it had matched. {@link
 * UnknownParameterCheck} enforces it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface KnownParametersOnly {}
