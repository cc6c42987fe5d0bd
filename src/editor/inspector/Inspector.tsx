// The selected node's settings, generated from its spec's fields.
import { getSpec } from '../../nodes/registry';
import { useGraphStore } from '../../store';
import { useNodeErrors } from '../../store/analysis';
import { useDocNode } from '../../store/nodeIndex';
import { visibleFields } from '../nodes/paramSummary';
import { CsvLoader } from './CsvLoader';
import { LabelField } from './LabelField';
import { ParamField } from './ParamField';
import { GraphOverview } from './GraphOverview';
import { ExpandButton } from './ExpandButton';
import { ConnectButton } from '../a11y/ConnectDialog';
import { Tex } from '../math/Tex';

export function Inspector() {
  const node = useDocNode(useGraphStore((s) => s.selectedNodeId));
  const errors = useNodeErrors(node?.id ?? '');
  const spec = node && getSpec(node.kind);
  // View only (src/store/lockSlice.ts): every field and action below is read-only.
  const viewOnly = useGraphStore((s) => s.viewOnly);

  // The panel scrolls, so it takes focus (tabIndex): a keyboard user can scroll it too.
  if (!node) {
    return (
      <section className="inspector" data-testid="inspector" tabIndex={0} aria-label="Inspector">
        <GraphOverview />
      </section>
    );
  }
  // A kind that loads a file (the data node's CSV) says so through its spec.
  const fileLoader = spec?.dataSource?.fileLoader(node.params);
  return (
    <section className="inspector" data-testid="inspector" tabIndex={0} aria-label="Inspector" key={node.id}>
      <header className="inspector-header">
        <h2>{spec?.title ?? node.kind}</h2>
        <code className="inspector-id">{node.id}</code>
      </header>
      {spec ? <p className="inspector-doc">{spec.doc}</p> : <p className="field-error">Unknown node kind "{node.kind}".</p>}
      {spec?.formula ? <Tex tex={spec.formula} wrap className="inspector-formula" testId="inspector-formula" /> : null}
      <fieldset className="lc-lockable" disabled={viewOnly} data-testid="inspector-fields">
      <LabelField nodeId={node.id} label={node.label ?? ''} placeholder={spec?.title ?? node.kind} />
      {spec
        ? visibleFields(spec, node.params).map((f) => <ParamField key={f.key} nodeId={node.id} field={f} value={node.params[f.key]} />)
        : null}
      {fileLoader ? <CsvLoader nodeId={node.id} csvName={fileLoader.name} columns={fileLoader.columns} /> : null}
      {errors.length ? (
        <ul className="inspector-errors">
          {errors.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      ) : null}
      <ConnectButton nodeId={node.id} />
      <ExpandButton node={node} />
      <button type="button" className="danger" data-testid="delete-node" onClick={() => useGraphStore.getState().deleteElements([node.id], [])}>
        Delete node
      </button>
      </fieldset>
    </section>
  );
}
