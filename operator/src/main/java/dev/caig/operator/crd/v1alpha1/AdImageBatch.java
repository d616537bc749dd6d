package dev.caig.operator.crd.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;

/** Ads for a whole catalog: `caig generate` over shards (an Indexed Job), then `caig generate merge`. */
@Group(CaigGroup.NAME)
@Version(CaigGroup.VERSION)
@ShortNames({"aibatch", "caigbatch"})
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Shards", jsonPath = ".status.shardsSucceeded", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Done", jsonPath = ".status.productsDone", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Total", jsonPath = ".status.productsTotal", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class AdImageBatch extends CustomResource<AdImageBatchSpec, AdImageBatchStatus> implements Namespaced {
}
