package io.crmkit.io;

import io.crmkit.core.Interaction;
import io.crmkit.core.Member;
import io.crmkit.core.Order;
import io.crmkit.core.Product;
import java.util.List;

/**
 * What an import did. The counting law holds for every result: {@code accepted + rejected ==
 * rowsRead}, where rows are CSV records (a quoted cell may span lines) or JSON lines, without the
 * header.
 *
 * <pre>{@code
 * ImportResult r = importer.importFile(Path.of("orders_export.csv"));
 * System.out.println(r.rowsRead() + " rows: " + r.accepted() + " accepted, " + r.rejected() + " rejected");
 * r.rejections().forEach(System.out::println);
 * }</pre>
 *
 * @param file the file name as given to the importer
 * @param preset the name of the preset or mapping used
 * @param encoding the character set the file was read in, e.g. {@code UTF-8} or {@code x-windows-950}
 * @param rowsRead records read, without the header
 * @param accepted rows that became (part of) a member, order, product or interaction
 * @param rejected rows rejected, each reported in {@link #rejections()} (up to the kept number)
 * @param members members written: created or changed (so 0 when a file is imported again); a
 *     member that several batches change counts once per batch
 * @param membersCreated members that did not exist before
 * @param membersUpdated existing members that the import changed
 * @param orders orders accepted
 * @param ordersChanged orders written because they were new or different from the stored ones
 * @param products products accepted
 * @param interactions interactions accepted
 * @param rejections the first rejections, in file order (how many are kept is set on the builder)
 * @param dryRun true if nothing was written
 * @param previewMembers in a dry run, the first mapped members
 * @param previewOrders in a dry run, the first mapped orders
 * @param previewProducts in a dry run, the first mapped products
 * @param previewInteractions in a dry run, the first mapped interactions
 * @param resumedAfter records skipped because a checkpoint said an earlier run had done them (they
 *     are included in the counts, from the checkpoint)
 */
public record ImportResult(
        String file,
        String preset,
        String encoding,
        long rowsRead,
        long accepted,
        long rejected,
        long members,
        long membersCreated,
        long membersUpdated,
        long orders,
        long ordersChanged,
        long products,
        long interactions,
        List<Rejection> rejections,
        boolean dryRun,
        List<Member> previewMembers,
        List<Order> previewOrders,
        List<Product> previewProducts,
        List<Interaction> previewInteractions,
        long resumedAfter) {
    /** Copies the lists. */
    public ImportResult {
        rejections = List.copyOf(rejections);
        previewMembers = List.copyOf(previewMembers);
        previewOrders = List.copyOf(previewOrders);
        previewProducts = List.copyOf(previewProducts);
        previewInteractions = List.copyOf(previewInteractions);
    }

    /**
     * The summary as one JSON object, the form {@code crmkit import --format json} prints.
     *
     * @return {@code {"rowsRead":…,"accepted":…,"rejected":…,"members":…,"orders":…}}
     */
    public String summaryJson() {
        return "{\"rowsRead\":" + rowsRead + ",\"accepted\":" + accepted + ",\"rejected\":" + rejected + ",\"members\":"
                + members + ",\"orders\":" + orders + "}";
    }
}
