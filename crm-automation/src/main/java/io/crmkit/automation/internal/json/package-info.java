/** The JSON form of journeys and guards: a positioned tree, the reader and the writer. No compatibility promise. */
@NullMarked
package io.crmkit.automation.internal.json;

import org.jspecify.annotations.NullMarked;
