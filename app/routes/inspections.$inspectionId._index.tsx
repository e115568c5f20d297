import { parseWithZod } from "../forms.js";
import { Button, Stack } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth.server.js";
import { InspectionCases, InspectionFacts, RecusalList, Section } from "../components/InspectionSummary.js";
import { TeamManagement, TeamTable, teamActionSchema } from "../components/InspectionTeam.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { addTeamMember, changeLead, inspectionDetails, removeTeamMember } from "../models/inspections.server.js";
import { can } from "../permissions.js";
import { redirectWithToast } from "../toast.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.inspection.title ?? "Đợt kiểm tra"} — KTCV` }];

// Single fetch skips revalidation after a 4xx action, but a refusal for conflict of interest has
// recorded a recusal that the page must show.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  (actionResult as { recused?: boolean } | undefined)?.recused === true || defaultShouldRevalidate;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requirePermission(request, "read:case");
  const id = invariantFound(idParam(params.inspectionId));
  const details = invariantFound(await inspectionDetails(getDb(), scope, id));
  return { ...details, canManage: can(user, "manage:case"), showRecusals: scope.all };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:case");
  const inspectionId = invariantFound(idParam(params.inspectionId));
  const submission = parseWithZod(await request.formData(), { schema: teamActionSchema });
  const intent = submission.payload.intent === "remove" || submission.payload.intent === "lead" ? submission.payload.intent : "add";
  if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
  const value = submission.value;
  const result = invariantFound(
    value.intent === "add"
      ? await addTeamMember(getDb(), { inspectionId, officerId: value.officerId, role: value.role, replaceLead: value.replaceLead }, user.id)
      : value.intent === "remove"
        ? await removeTeamMember(getDb(), { inspectionId, memberId: value.memberId, reason: value.reason.normalize("NFC") }, user.id)
        : await changeLead(getDb(), { inspectionId, memberId: value.memberId }, user.id),
  );
  if (!result.ok) {
    return data(
      { intent, recused: result.recused ?? false, reply: submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }) },
      { status: 400 },
    );
  }
  return redirectWithToast(`/inspections/${inspectionId}`, result.message);
}

export default function InspectionPage() {
  const { inspection, units, members, recusals, cases, canManage, showRecusals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title={inspection.title}
        description={`Quyết định số ${inspection.decision_number}`}
        actions={
          canManage ? (
            <Button component={Link} to={`/inspections/${inspection.id}/edit`} variant="default">
              Sửa thông tin
            </Button>
          ) : null
        }
      />
      <Stack gap="xl">
        <InspectionFacts inspection={inspection} units={units} />
        <Section title="Đoàn kiểm tra">
          <TeamTable members={members} />
          {canManage ? (
            // A new key after each change of the team empties the forms; a refusal keeps what was typed.
            <TeamManagement key={members.map((m) => `${m.id}${m.role}${m.removed_at ?? ""}`).join()} members={members} actionData={actionData} />
          ) : null}
        </Section>
        {showRecusals ? (
          <Section title="Trường hợp từ chối do xung đột lợi ích">
            <RecusalList recusals={recusals} />
          </Section>
        ) : null}
        <Section title="Vụ việc">
          <InspectionCases cases={cases} />
        </Section>
      </Stack>
    </>
  );
}
