package io.lethe.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.failure.FieldError;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelValidatorTest {

    @Test
    void shouldAcceptAWellFormedModel() {
        Model customer = Model.of("customer",
                Attribute.of("email", AttributeType.STRING).required(true).sensitivity(Sensitivity.PERSONAL).indexed(true),
                Attribute.of("since", AttributeType.DATE).defaultValue("2026-01-01T00:00:00Z"),
                Attribute.of("manager", AttributeType.REFERENCE).reference("customer"));

        assertThat(ModelValidator.validate(customer, name -> false)).isEmpty();
    }

    @Test
    void shouldNameEachAttributeAtFaultAndWhy() {
        Model bad = Model.of("1bad",
                Attribute.of("ok", AttributeType.STRING),
                Attribute.of("OK", AttributeType.NUMBER),
                Attribute.of("count", AttributeType.NUMBER).defaultValue("three"),
                Attribute.of("owner", AttributeType.REFERENCE).reference("nobody"),
                Attribute.of("plain", AttributeType.STRING).reference("customer"),
                Attribute.of("tags", AttributeType.LIST).defaultValue(List.of(Map.of("$where", "1")))); // every create would fail

        List<FieldError> errors = ModelValidator.validate(bad, name -> false);

        assertThat(errors).extracting(FieldError::pointer).containsExactly(
                "/name", "/attributes/1/name", "/attributes/2/defaultValue", "/attributes/3/reference", "/attributes/4/reference",
                "/attributes/5/defaultValue/0/$where");
        assertThat(errors.get(1).message()).contains("'OK' is defined twice");
        assertThat(errors.get(3).message()).contains("no model 'nobody'");
    }

    @Test
    void shouldCheckInstanceDataByType() {
        Model m = Model.of("thing",
                Attribute.of("name", AttributeType.STRING).required(true),
                Attribute.of("n", AttributeType.NUMBER),
                Attribute.of("when", AttributeType.DATE),
                Attribute.of("tags", AttributeType.LIST));
        Map<String, Object> data = new HashMap<>(Map.of("n", "x", "when", "yesterday", "tags", "a", "extra", 1));

        assertThat(ModelValidator.validateData(m, data, false)).extracting(FieldError::pointer)
                .containsExactlyInAnyOrder("/n", "/when", "/tags", "/extra", "/name");
        assertThat(ModelValidator.validateData(m, Map.of("n", 2), true)).isEmpty();
        data.clear();
        data.put("name", null);
        assertThat(ModelValidator.validateData(m, data, true)).extracting(FieldError::message)
                .containsExactly("is required and cannot be null");
    }

    @Test
    void shouldRefuseValuesTheDatabaseCannotHold() {
        // (a script computes 1/0, a body nests 400 levels, a number overflows 64 bits: every one broke a write)
        Model m = Model.of("thing", Attribute.of("n", AttributeType.NUMBER), Attribute.of("o", AttributeType.OBJECT),
                Attribute.of("big", AttributeType.LIST).defaultValue(List.of(new BigInteger("123456789012345678901234567890"))));
        Object deep = 1;
        for (int i = 0; i < 70; i++) {
            deep = Map.of("a", deep);
        }

        assertThat(ModelValidator.validate(m, name -> false)).extracting(FieldError::pointer)
                .containsExactly("/attributes/2/defaultValue/0");
        assertThat(ModelValidator.validateData(m, Map.of("n", Double.POSITIVE_INFINITY), true))
                .containsExactly(new FieldError("/n", "must be a finite number"));
        assertThat(ModelValidator.validateData(m, Map.of("n", Double.NaN), true)).extracting(FieldError::pointer).containsExactly("/n");
        assertThat(ModelValidator.validateData(m, Map.of("o", deep), true)).extracting(FieldError::message)
                .containsExactly("nests deeper than 64 levels");
        assertThat(ModelValidator.validateData(m, Map.of("o", Map.of("x", List.of(1.5, Long.MAX_VALUE))), true)).isEmpty();
    }
}
