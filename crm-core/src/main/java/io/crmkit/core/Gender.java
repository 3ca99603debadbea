package io.crmkit.core;

/** A member's gender as the member gave it. */
public enum Gender {
    /** Female. */
    FEMALE,
    /** Male. */
    MALE,
    /** Another gender, or non-binary. */
    OTHER,
    /** Not given. */
    UNKNOWN
}
