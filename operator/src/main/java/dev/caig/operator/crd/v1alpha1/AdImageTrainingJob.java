package dev.caig.operator.crd.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One run of the CAIG pipeline (market, pretrain, reward, pcpo, dpo, evaluate) as batch/v1 Jobs. */
@Group(CaigGroup.NAME)
@Version(CaigGroup.VERSION)
@ShortNames({"aitj", "caigjob"})
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Stage", jsonPath = ".status.progress.stage", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Progress", jsonPath = ".status.progress.summary", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class AdImageTrainingJob extends CustomResource<AdImageTrainingJobSpec, AdImageTrainingJobStatus>
        implements Namespaced {

}
