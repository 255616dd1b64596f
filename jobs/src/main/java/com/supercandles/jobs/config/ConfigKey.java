package com.supercandles.jobs.config;

/** A documented key with its default (null: required). */
public final class ConfigKey {
    public final String name;
    public final String defaultValue;
    public final String help;

    ConfigKey(String name, String defaultValue, String help) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.help = help;
    }
}
