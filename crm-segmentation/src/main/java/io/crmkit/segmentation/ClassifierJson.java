package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;
import io.crmkit.segmentation.internal.json.SegmentJsonReader;
import io.crmkit.segmentation.internal.json.SegmentJsonWriter;
import io.crmkit.segmentation.internal.json.TreeReader;

/**
 * The JSON form of classifier settings, so that a host's UI can store what a marketer chose:
 * {@code rfm/1} for an {@link RfmModel} and {@code lifecycle/1} for a {@link LifecycleModel}. Same
 * rules as {@link SegmentJson}: a version field, one fixed layout, {@code fromJson(toJson(x))}
 * equals {@code x}, and every error names the JSON path, line and column. The format is described
 * in {@code docs/classifier-json.md}.
 *
 * <pre>{@code
 * String json = ClassifierJson.toJson(RfmModel.builder().window(Window.lastDays(365)).build());
 * RfmModel model = ClassifierJson.rfmFromJson(json);
 * LifecycleModel napl = ClassifierJson.lifecycleFromJson("""
 *     {"crmkit": "lifecycle/1", "kind": "napl", "window": "P6M"}""");
 * }</pre>
 */
public final class ClassifierJson {
    /** The format version of an RFM model document. */
    public static final String RFM_FORMAT = "rfm/1";

    /** The format version of a lifecycle model document. */
    public static final String LIFECYCLE_FORMAT = "lifecycle/1";

    private ClassifierJson() {}

    /**
     * @param model an RFM model
     * @return its {@code rfm/1} document, ending with a line feed
     */
    public static String toJson(RfmModel model) {
        if (model == null) {
            throw new InvalidValueException("model", "is required");
        }
        return SegmentJsonWriter.rfm(model);
    }

    /**
     * @param model a lifecycle model
     * @return its {@code lifecycle/1} document, ending with a line feed
     */
    public static String toJson(LifecycleModel model) {
        if (model == null) {
            throw new InvalidValueException("model", "is required");
        }
        return SegmentJsonWriter.lifecycle(model);
    }

    /**
     * @param json an {@code rfm/1} document
     * @return the model; every setting checked as {@link RfmModel.Builder#build()} checks it
     * @throws SegmentJsonException naming the path, line, column and reason of the first error
     */
    public static RfmModel rfmFromJson(String json) {
        if (json == null) {
            throw new InvalidValueException("json", "is required");
        }
        return SegmentJsonReader.rfm(TreeReader.read(json));
    }

    /**
     * @param json a {@code lifecycle/1} document
     * @return the model
     * @throws SegmentJsonException naming the path, line, column and reason of the first error
     */
    public static LifecycleModel lifecycleFromJson(String json) {
        if (json == null) {
            throw new InvalidValueException("json", "is required");
        }
        return SegmentJsonReader.lifecycle(TreeReader.read(json));
    }
}
