// Editing with a real pointer: add a node from the palette, wire it by dragging between
// handles, see a wrong wire refused with a reason, and edit a parameter in the inspector.
import { expect, test } from '@playwright/test';
import { dragBetween, edgeIds, flowEdges, flowNodes, nodeIds, openApp, sourceHandle, targetHandle } from './helpers';

test('add a node, connect it by dragging, refuse a wrong connection, edit a param', async ({ page }) => {
  await openApp(page);
  // The canvas first: with the notes put away the whole PPCA graph is in view at a readable zoom.
  await page.getByTestId('notes-collapse').click();
  const nodesBefore = await nodeIds(page);
  const edgeCount = await flowEdges(page).count();
  expect(edgeCount).toBeGreaterThan(0);

  // Add a Gaussian from the palette.
  await page.getByTestId('palette-gaussian').click();
  await expect(flowNodes(page)).toHaveCount(nodesBefore.length + 1);
  const added = (await nodeIds(page)).filter((id) => !nodesBefore.includes(id));
  expect(added).toHaveLength(1);
  const newId = added[0];
  const newNode = page.getByTestId(`node-${newId}`);
  await expect(newNode).toBeVisible();

  // A wrong connection: the prior's distribution onto the new node's tensor input.
  await dragBetween(page, sourceHandle(page, 'prior', 'dist'), targetHandle(page, newId, 'mean'));
  const status = page.getByTestId('status-message');
  await expect(status).toContainText('gives a distribution');
  await expect(status).toContainText('takes a tensor');
  await expect(flowEdges(page)).toHaveCount(edgeCount);

  // A right one: the decoder's output (a tensor) onto the same input.
  const edgesBefore = await edgeIds(page);
  await dragBetween(page, sourceHandle(page, 'decoder', 'out'), targetHandle(page, newId, 'mean'));
  await expect(flowEdges(page)).toHaveCount(edgeCount + 1);
  const newEdges = (await edgeIds(page)).filter((id) => !edgesBefore.includes(id));
  expect(newEdges).toHaveLength(1);
  // It is drawn with its shape label, like the others.
  await expect(page.getByTestId('edge-shape')).toHaveCount(edgeCount + 1);

  // Select the new node and change a parameter in the inspector.
  await newNode.locator('.model-node-header').click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText(newId);
  const scale = inspector.getByTestId('field-scale');
  await scale.fill('0.5');
  await scale.press('Enter');
  await expect(newNode).toContainText('scale=0.5');
  await expect(inspector.getByTestId('field-error-scale')).toHaveCount(0);

  // An invalid value: an error under the field, and the document keeps 0.5.
  await scale.fill('-1');
  await expect(inspector.getByTestId('field-error-scale')).toBeVisible();
  await expect(newNode).toContainText('scale=0.5');
  await expect(newNode).not.toContainText('scale=-1');
});
