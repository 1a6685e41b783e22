package dev.mcpsecrets.policy.config;

import dev.mcpsecrets.policy.source.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON value read by {@link JsonReader}, with the {@link Location} (file, line, column, JSON
 * pointer) where it starts. String values may be secrets: their {@code toString()} shows the length
 * only.
 *
 * @since 0.1
 */
public sealed interface JsonValue permits JsonValue.ObjectValue, JsonValue.ArrayValue, JsonValue.StringValue,
        JsonValue.NumberValue, JsonValue.BooleanValue, JsonValue.NullValue {

    /**
     * Where the value starts.
     *
     * @return the location, with the value's JSON pointer
     */
    Location location();

    /**
     * The value's JSON pointer ({@code ""} for the root).
     *
     * @return the pointer
     */
    default String pointer() {
        return location().jsonPointer();
    }

    /**
     * This value as an object.
     *
     * @return the object, or empty if this is not one
     */
    default Optional<ObjectValue> asObject() {
        return this instanceof ObjectValue o ? Optional.of(o) : Optional.empty();
    }

    /**
     * This value as an array.
     *
     * @return the array, or empty if this is not one
     */
    default Optional<ArrayValue> asArray() {
        return this instanceof ArrayValue a ? Optional.of(a) : Optional.empty();
    }

    /**
     * This value as a string.
     *
     * @return the string value, or empty if this is not one
     */
    default Optional<StringValue> asString() {
        return this instanceof StringValue s ? Optional.of(s) : Optional.empty();
    }

    /**
     * The JSON type name: {@code object}, {@code array}, {@code string}, {@code number},
     * {@code boolean} or {@code null}.
     *
     * @return the type name
     */
    String typeName();

    /**
     * One member of an object.
     *
     * @param name the member name
     * @param nameLocation where the name (its opening quote) is
     * @param value the value
     */
    record Member(String name, Location nameLocation, JsonValue value) {
        /**
         * Validates the parts.
         *
         * @param name the name
         * @param nameLocation the name's location
         * @param value the value
         */
        public Member {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(nameLocation, "nameLocation");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * An object; members keep their order and duplicates (the last one wins on lookup, as in
     * JavaScript).
     *
     * @param members the members in document order
     * @param location where the object starts
     */
    record ObjectValue(List<Member> members, Location location) implements JsonValue {
        /**
         * Copies the members.
         *
         * @param members the members
         * @param location the location
         */
        public ObjectValue {
            members = List.copyOf(members);
            Objects.requireNonNull(location, "location");
        }

        /**
         * The value of a member; the last one when the name occurs twice.
         *
         * @param name the member name
         * @return the value, or empty
         */
        public Optional<JsonValue> get(String name) {
            for (int i = members.size() - 1; i >= 0; i--) {
                if (members.get(i).name().equals(name)) {
                    return Optional.of(members.get(i).value());
                }
            }
            return Optional.empty();
        }

        /**
         * The member with this name, when it is an object.
         *
         * @param name the member name
         * @return the object, or empty when missing or of another type
         */
        public Optional<ObjectValue> getObject(String name) {
            return get(name).flatMap(JsonValue::asObject);
        }

        /**
         * The member with this name, when it is a string.
         *
         * @param name the member name
         * @return the string, or empty when missing or of another type
         */
        public Optional<StringValue> getString(String name) {
            return get(name).flatMap(JsonValue::asString);
        }

        /**
         * The members as an ordered map (last duplicate wins).
         *
         * @return an unmodifiable map from name to value, in document order
         */
        public Map<String, JsonValue> asMap() {
            Map<String, JsonValue> map = new LinkedHashMap<>();
            for (Member m : members) {
                map.remove(m.name());
                map.put(m.name(), m.value());
            }
            return java.util.Collections.unmodifiableMap(map);
        }

        @Override
        public String typeName() {
            return "object";
        }

        @Override
        public String toString() {
            return "ObjectValue[" + members.size() + " members at " + location.display() + "]";
        }
    }

    /**
     * An array.
     *
     * @param elements the elements in order
     * @param location where the array starts
     */
    record ArrayValue(List<JsonValue> elements, Location location) implements JsonValue {
        /**
         * Copies the elements.
         *
         * @param elements the elements
         * @param location the location
         */
        public ArrayValue {
            elements = List.copyOf(elements);
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String typeName() {
            return "array";
        }

        @Override
        public String toString() {
            return "ArrayValue[" + elements.size() + " elements at " + location.display() + "]";
        }
    }

    /**
     * A string, unescaped. May hold a secret: {@link #toString()} shows its length only.
     *
     * @param value the text
     * @param location where the opening quote is
     */
    record StringValue(String value, Location location) implements JsonValue {
        /**
         * Validates the parts.
         *
         * @param value the text
         * @param location the location
         */
        public StringValue {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String typeName() {
            return "string";
        }

        @Override
        public String toString() {
            return "StringValue[" + value.length() + " chars at " + location.display() + "]";
        }
    }

    /**
     * A number, kept as written.
     *
     * @param text the number as written, e.g. {@code -1.5e3}
     * @param location where it starts
     */
    record NumberValue(String text, Location location) implements JsonValue {
        /**
         * Validates the parts.
         *
         * @param text the number text
         * @param location the location
         */
        public NumberValue {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String typeName() {
            return "number";
        }
    }

    /**
     * {@code true} or {@code false}.
     *
     * @param value the value
     * @param location where it starts
     */
    record BooleanValue(boolean value, Location location) implements JsonValue {
        /**
         * Validates the location.
         *
         * @param value the value
         * @param location the location
         */
        public BooleanValue {
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String typeName() {
            return "boolean";
        }
    }

    /**
     * {@code null}.
     *
     * @param location where it starts
     */
    record NullValue(Location location) implements JsonValue {
        /**
         * Validates the location.
         *
         * @param location the location
         */
        public NullValue {
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String typeName() {
            return "null";
        }
    }
}
