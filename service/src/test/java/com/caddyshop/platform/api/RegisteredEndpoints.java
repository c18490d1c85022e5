package com.caddyshop.platform.api;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.glassfish.jersey.media.multipart.FormDataParam;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * The endpoints a Jersey configuration serves, read from its registered resource classes,
 * instances and programmatic resources: full path templates, HTTP methods and the Java methods
 * behind them (for auth, parameters and bodies).
 */
final class RegisteredEndpoints {
    /** "{id: \\d+}" and "{id}" are one template for the document. */
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*(?::[^}]*)?}");

    /** One HTTP method on one path, and what the Java signature says about it. */
    record Endpoint(String method, String path, ResourceMethod model) {
        String key() {
            return method + " " + path;
        }

        Method javaMethod() {
            return model.getInvocable().getDefinitionMethod();
        }

        Class<?> resourceClass() {
            return model.getInvocable().getHandler().getHandlerClass();
        }

        /** The roles {@code @RolesAllowed} asks for (method first, then class); empty when none. */
        Set<String> roles() {
            RolesAllowed roles = annotation(RolesAllowed.class);
            return roles == null ? Set.of() : new LinkedHashSet<>(List.of(roles.value()));
        }

        /** True when the auth filter runs: role annotations, or a non-optional {@code @Auth} parameter. */
        boolean requiresAuthentication() {
            if (annotation(PermitAll.class) != null && annotation(RolesAllowed.class) == null) {
                return hasAuthParameter();
            }
            return !roles().isEmpty() || annotation(DenyAll.class) != null || hasAuthParameter();
        }

        private boolean hasAuthParameter() {
            for (Parameter p : javaMethod().getParameters()) {
                if (p.isAnnotationPresent(Auth.class) && !Optional.class.isAssignableFrom(p.getType())) {
                    return true;
                }
            }
            return false;
        }

        private <A extends Annotation> A annotation(Class<A> type) {
            A onMethod = javaMethod().getAnnotation(type);
            return onMethod != null ? onMethod : resourceClass().getAnnotation(type);
        }

        Set<String> parameterNames(Class<? extends Annotation> source) {
            Set<String> names = new LinkedHashSet<>();
            for (Parameter p : javaMethod().getParameters()) {
                Annotation a = p.getAnnotation(source);
                if (a != null) {
                    names.add(nameOf(a));
                }
            }
            return names;
        }

        /** The entity parameter (the request body), if the method has one. */
        Optional<Parameter> entity() {
            for (Parameter p : javaMethod().getParameters()) {
                if (isEntity(p)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }

        static boolean required(AnnotatedElement parameter) {
            return parameter.isAnnotationPresent(NotNull.class);
        }

        List<MediaType> consumes() {
            return model.getConsumedTypes();
        }

        List<MediaType> produces() {
            return model.getProducedTypes();
        }
    }

    private static final List<Class<? extends Annotation>> NOT_ENTITY = List.of(PathParam.class, QueryParam.class,
            HeaderParam.class, CookieParam.class, MatrixParam.class, FormParam.class, FormDataParam.class,
            BeanParam.class, Context.class, Auth.class);

    private RegisteredEndpoints() {
    }

    static List<Endpoint> of(ResourceConfig config) {
        List<Resource> resources = new ArrayList<>(config.getResources());
        Set<Class<?>> classes = new LinkedHashSet<>(config.getClasses());
        config.getInstances().forEach(instance -> classes.add(instance.getClass()));
        for (Class<?> type : classes) {
            if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                resources.add(Resource.from(type));
            }
        }
        List<Endpoint> endpoints = new ArrayList<>();
        resources.forEach(resource -> walk(resource, "", endpoints));
        return endpoints;
    }

    private static void walk(Resource resource, String parent, List<Endpoint> out) {
        String path = join(parent, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            for (Parameter p : method.getInvocable().getDefinitionMethod().getParameters()) {
                if (p.isAnnotationPresent(BeanParam.class)) {
                    throw new AssertionError("@BeanParam at " + path + ": teach RegisteredEndpoints to expand it");
                }
            }
            out.add(new Endpoint(method.getHttpMethod(), path, method));
        }
        if (resource.getResourceLocator() != null) {
            // A locator's sub-resources are chosen at run time; the comparison could not see them.
            throw new AssertionError("sub-resource locator at " + path + ": teach RegisteredEndpoints to follow it");
        }
        for (Resource child : resource.getChildResources()) {
            walk(child, path, out);
        }
    }

    static String join(String parent, String child) {
        String joined = (parent + "/" + (child == null ? "" : child)).replaceAll("/{2,}", "/");
        joined = TEMPLATE.matcher(joined).replaceAll("{$1}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static boolean isEntity(Parameter p) {
        for (Class<? extends Annotation> type : NOT_ENTITY) {
            if (p.isAnnotationPresent(type)) {
                return false;
            }
        }
        return true;
    }

    private static String nameOf(Annotation a) {
        if (a instanceof PathParam p) {
            return p.value();
        }
        if (a instanceof QueryParam q) {
            return q.value();
        }
        if (a instanceof HeaderParam h) {
            return h.value();
        }
        if (a instanceof CookieParam c) {
            return c.value();
        }
        if (a instanceof FormDataParam f) {
            return f.value();
        }
        if (a instanceof FormParam f) {
            return f.value();
        }
        if (a instanceof MatrixParam m) {
            return m.value();
        }
        throw new IllegalArgumentException("not a named parameter annotation: " + a);
    }
}
