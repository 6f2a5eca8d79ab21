import { resumeAssignJob } from "@/lib/dal/client-assign";
import { jobPostRoute } from "@/lib/clients/context";

export const POST = jobPostRoute(resumeAssignJob);
